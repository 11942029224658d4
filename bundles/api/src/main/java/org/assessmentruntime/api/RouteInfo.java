package org.assessmentruntime.api;

/**
 * A Camel route of the runtime, as {@code assessment:routes} shows it.
 *
 * @param id               stable route id (e.g. {@code heartbeat})
 * @param state            Camel's service status ({@code Started}, {@code Stopped}, …)
 * @param from             the consuming endpoint's URI, with secrets masked
 * @param exchangesTotal   exchanges completed since the route started
 * @param exchangesFailed  exchanges that ended in failure
 * @param exchangesInflight exchanges in progress
 * @param uptimeMillis     how long the route has been running
 */
public record RouteInfo(String id, String state, String from, long exchangesTotal, long exchangesFailed,
        long exchangesInflight, long uptimeMillis) {
}
