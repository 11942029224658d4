package org.assessmentruntime.api;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The runtime's link to the control plane. The Authentication bundle publishes it only while a
 * control-plane URL is configured, so components that talk to the control plane require it: in
 * standalone mode their routes do not exist at all, and nothing tries to reach a server that is not
 * there.
 *
 * <p>Every request to the control plane goes through one Camel route, {@link #ROUTE_ID}, reached at
 * {@link #ENDPOINT}. It applies the connection's TLS (client certificate, CA bundle) and timeouts, adds
 * the bearer token, and after a 401 retries once with a fresh token. A caller sends the request body as
 * {@code byte[]} (JSON; the route sends {@code Content-Type: application/json} exactly, as the control
 * plane demands) and sets the Camel headers {@code CamelHttpMethod} and {@code CamelHttpPath} (for
 * example {@code /api/agent/heartbeat}), plus any of {@link #REQUEST_HEADERS}; every other header is
 * dropped before the request leaves. The reply comes back as {@code CamelHttpResponseCode}, the body as
 * {@code byte[]} and the headers in {@link #RESPONSE_HEADERS}; every status code is a reply, never an
 * exception. A connection failure or timeout is the exchange's exception.
 *
 * <p>The connection's settings (this PID) can never be changed by the control plane's remote
 * configuration: they decide which control plane the runtime trusts.
 */
@ProviderType
public interface ControlPlaneConnection {

    /** The Camel endpoint every control-plane request goes through. */
    String ENDPOINT = "direct:assessment-control-plane";

    /** The id of the route behind {@link #ENDPOINT}. */
    String ROUTE_ID = "assessment-control-plane";

    /** Configuration PID of the connection; never remotely settable. */
    String PID = "org.assessmentruntime.controlplane";

    /** Request headers a caller may set, besides the Camel HTTP headers; any other is dropped. */
    Set<String> REQUEST_HEADERS = Set.of("If-None-Match", "Idempotency-Key", "Accept");

    /** Response headers handed back to the caller, besides {@code CamelHttpResponseCode}. */
    Set<String> RESPONSE_HEADERS = Set.of("ETag", "Retry-After", "Content-Type", "X-CCF-Remote-Config");

    /** The control plane's base URL, for example {@code https://cp.example.com}; never a secret. */
    URI baseUrl();

    /** How often the heartbeat is sent (the minute the control plane expects, by default). */
    Duration heartbeatInterval();

    /** How often remote configuration is polled; never less than 15 seconds. */
    Duration configPollInterval();

    /** What this runtime does with the configuration the control plane offers. */
    RemoteConfigMode remoteConfigMode();
}
