package org.assessmentruntime.configuration.internal;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.assessmentruntime.api.ControlPlaneConnection;
import org.assessmentruntime.camel.controlplane.ControlPlaneErrors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Route {@value #ROUTE_ID}: {@code PUT /api/agent/instances/{runtimeId}/config-report} with a
 * {@link ConfigReport} (the body that comes in). A report that does not get through is logged and
 * otherwise forgotten: the next revision's report carries the state again, and the sync's outcome does
 * not depend on it.
 */
@Component(enabled = false, service = RoutesBuilder.class)
public final class ConfigReportRoute extends RouteBuilder {

    /** The route's id. */
    public static final String ROUTE_ID = "assessment-config-report";

    private static final String SENT = "assessment.config.report.sent";

    private final RemoteConfigService service;

    /** Activates with the sync service. */
    @Activate
    public ConfigReportRoute(@Reference RemoteConfigService service) {
        this.service = service;
    }

    @Override
    public void configure() {
        from(RemoteConfigService.REPORT_ENDPOINT).routeId(ROUTE_ID)
                .doTry()
                    .process(this::request)
                    .to(ControlPlaneConnection.ENDPOINT)
                    .process(this::reply)
                .doCatch(Exception.class)
                    .process(this::failed)
                .end();
    }

    /** The path of this runtime's report. */
    String path() {
        return "/api/agent/instances/" + service.runtimeId() + "/config-report";
    }

    private void request(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        ConfigReport report = message.getMandatoryBody(ConfigReport.class);
        exchange.setProperty(SENT, report);
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_METHOD, "PUT");
        message.setHeader(Exchange.HTTP_PATH, path());
        message.setHeader("Accept", "application/json");
        message.setBody(Json.MAPPER.writeValueAsBytes(report));
    }

    private void reply(Exchange exchange) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        ConfigReport report = exchange.getProperty(SENT, ConfigReport.class);
        if (status != null && status / 100 == 2) {
            service.reported(report);
            log.debug("Reported remote configuration revision {} as {}", report.attemptedRevision(), report.status());
        } else if (status != null && status == 409) {
            log.warn("Control plane refused the config report of revision {}: HTTP 409 (instance cap reached)",
                    report.attemptedRevision());
        } else {
            log.warn("Control plane refused the config report of revision {}: HTTP {}{}", report.attemptedRevision(),
                    status, ControlPlaneErrors.suffix(exchange.getMessage().getBody(byte[].class),
                            ConfigSyncer.MAX_ERROR));
        }
    }

    private void failed(Exchange exchange) {
        Exception error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        ConfigReport report = exchange.getProperty(SENT, ConfigReport.class);
        log.warn("Could not send the config report of revision {}: {}", report == null ? "?" : report.attemptedRevision(),
                error == null ? "no reply" : error.getMessage());
    }
}
