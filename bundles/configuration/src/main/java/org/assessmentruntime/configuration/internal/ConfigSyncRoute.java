package org.assessmentruntime.configuration.internal;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.assessmentruntime.api.ConfigSyncOutcome;
import org.assessmentruntime.api.ControlPlaneConnection;
import org.assessmentruntime.api.RemoteConfigMode;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Route {@value #ROUTE_ID}: one sync. {@code GET /api/agent/config} through the control-plane route with
 * {@code If-None-Match} set to the last {@code ETag}; the reply is judged by {@link ConfigSyncer}; a
 * revision's fate is reported through {@link ConfigReportRoute}. The body that comes out is the
 * {@link ConfigSyncOutcome}; every failure is an outcome, never an exception. Syncs never overlap.
 */
@Component(enabled = false, service = RoutesBuilder.class)
public final class ConfigSyncRoute extends RouteBuilder {

    /** The route's id. */
    public static final String ROUTE_ID = "assessment-config-sync";

    static final String CONFIG_PATH = "/api/agent/config";

    private static final String OUTCOME = "assessment.config.outcome";
    private static final String REPORT = "assessment.config.report";

    private final RemoteConfigService service;

    /** Activates with the sync service. */
    @Activate
    public ConfigSyncRoute(@Reference RemoteConfigService service) {
        this.service = service;
    }

    @Override
    public void configure() {
        from(RemoteConfigService.SYNC_ENDPOINT).routeId(ROUTE_ID)
                .process(service::enter)
                .process(this::request)
                .filter(exchangeProperty(OUTCOME).isNull())
                    .doTry()
                        .to(ControlPlaneConnection.ENDPOINT)
                        .process(this::reply)
                    .doCatch(Exception.class)
                        .process(this::unreachable)
                    .end()
                .end()
                .filter(exchangeProperty(REPORT).isNotNull())
                    .setBody(exchangeProperty(REPORT))
                    .to(RemoteConfigService.REPORT_ENDPOINT)
                .end()
                .removeHeaders("*")
                .setBody(exchangeProperty(OUTCOME));
    }

    private void request(Exchange exchange) {
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        message.setBody(null);
        ConfigSyncer syncer = service.syncer();
        if (syncer.mode() == RemoteConfigMode.OFF) {
            exchange.setProperty(OUTCOME, syncer.off());
            return;
        }
        message.setHeader(Exchange.HTTP_METHOD, "GET");
        message.setHeader(Exchange.HTTP_PATH, CONFIG_PATH);
        message.setHeader("Accept", "application/json");
        String etag = syncer.ifNoneMatch();
        if (!etag.isEmpty()) {
            message.setHeader("If-None-Match", etag);
        }
    }

    private void reply(Exchange exchange) {
        Message message = exchange.getMessage();
        Integer status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        ConfigSyncer.Result result = service.syncer().onReply(status == null ? 0 : status,
                message.getHeader("ETag", String.class), message.getBody(byte[].class));
        exchange.setProperty(OUTCOME, result.outcome());
        if (result.report()) {
            service.reportFor(result.outcome()).ifPresent(report -> exchange.setProperty(REPORT, report));
        }
    }

    private void unreachable(Exchange exchange) {
        Exception error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        exchange.setProperty(OUTCOME, service.syncer().unreachable(error == null
                ? new IllegalStateException("no reply") : error));
    }
}
