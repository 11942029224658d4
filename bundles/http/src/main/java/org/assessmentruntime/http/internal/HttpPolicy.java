package org.assessmentruntime.http.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP surface's configuration in effect, for the access context and the servlets to read at each
 * request.
 *
 * <p>A component of its own, and the only one with the PID: DS copies a component's configuration into
 * its service properties, and the HTTP Whiteboard re-registers a servlet context or servlet whose
 * properties change, so configuring those directly would answer 404 for a moment after every edit. This
 * service's properties change instead, which its static references take without reactivating anything.
 */
@Component(service = HttpPolicy.class, configurationPid = HttpSettings.PID)
@Designate(ocd = HttpConfig.class)
public class HttpPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(HttpPolicy.class);

    private volatile HttpSettings settings = HttpSettings.DEFAULTS;
    /** Why the last configuration was rejected; empty when it is in effect. */
    private volatile String problem = "";

    /** DS constructor. */
    @Activate
    public HttpPolicy(HttpConfig config) {
        modified(config);
    }

    /**
     * Takes a new configuration for the next request. One that is rejected is reported by {@link #problem()}
     * until a valid one arrives; the access context then refuses every request (fails closed).
     */
    @Modified
    void modified(HttpConfig config) {
        try {
            settings = HttpSettings.of(config);
            problem = "";
        } catch (IllegalArgumentException e) {
            problem = "the configuration " + HttpSettings.PID + " was rejected (" + e.getMessage()
                    + "); the HTTP surface refuses every request until it is fixed";
            LOG.error("The configuration {} was rejected, every HTTP request is refused until it is fixed: {}",
                    HttpSettings.PID, e.getMessage());
        }
    }

    /** The settings in effect: the last valid ones. */
    HttpSettings settings() {
        return settings;
    }

    /** Why the last configuration was rejected; empty when it is in effect. */
    String problem() {
        return problem;
    }
}
