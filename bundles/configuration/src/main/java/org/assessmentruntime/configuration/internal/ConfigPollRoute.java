package org.assessmentruntime.configuration.internal;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.assessmentruntime.api.RemoteConfigMode;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Route {@value #ROUTE_ID}: a sync every {@code configPollInterval} of the control-plane connection. Not
 * there at all while remote configuration is {@link RemoteConfigMode#OFF off}.
 */
@Component(enabled = false, service = RoutesBuilder.class)
public final class ConfigPollRoute extends RouteBuilder {

    /** The route's id. */
    public static final String ROUTE_ID = "assessment-config-poll";

    /** The first poll comes soon after start-up (or the interval, if shorter), not a whole interval later. */
    private static final long FIRST_POLL_MILLIS = 5_000;

    private final RemoteConfigService service;

    /** Activates with the sync service. */
    @Activate
    public ConfigPollRoute(@Reference RemoteConfigService service) {
        this.service = service;
    }

    @Override
    public void configure() {
        if (service.mode() == RemoteConfigMode.OFF) {
            log.info("Remote configuration is off: no polling");
            return;
        }
        long period = Math.max(1, service.pollInterval().toMillis());
        from("timer:" + ROUTE_ID + "?delay=" + Math.min(FIRST_POLL_MILLIS, period) + "&period=" + period)
                .routeId(ROUTE_ID)
                .to(RemoteConfigService.SYNC_ENDPOINT);
    }
}
