package org.assessmentruntime.itests.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.assessmentruntime.referencecp.ReferenceControlPlane;

/**
 * The reference control plane as the connected ITs use it: started in a static initialiser (before
 * the Karaf extension boots, so its URL can go into the runtime's environment), and waited on until it
 * holds every result the runtime stored.
 */
public final class ControlPlanes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ControlPlanes() {
    }

    /**
     * Starts the control plane the builder describes; for static initialisers, which cannot throw.
     *
     * @param builder the control plane's clients, TLS, token lifetime...
     * @return the started control plane, on 127.0.0.1
     */
    public static ReferenceControlPlane started(ReferenceControlPlane.Builder builder) {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the reference control plane", e);
        }
    }

    /**
     * Points the runtime at the control plane through the environment, as a service unit would.
     *
     * @return {@code options}, for chaining
     */
    public static KarafOptions connect(KarafOptions options, ReferenceControlPlane cp, String clientId,
            String clientSecret) {
        return options.environment("ASSESSMENT_CONTROL_PLANE_URL", cp.baseUri().toString())
                .environment("ASSESSMENT_CLIENT_ID", clientId)
                .environment("ASSESSMENT_CLIENT_SECRET", clientSecret);
    }

    /**
     * Waits until every result the runtime holds is DELIVERED and present at the control plane.
     *
     * @return the ids of the runtime's results
     * @throws AssertionError when that is not so within {@code timeout}, with the last control-plane requests
     */
    public static Set<String> awaitAllDelivered(KarafDistribution karaf, ReferenceControlPlane cp, Duration timeout)
            throws InterruptedException {
        Map<String, String> states = new HashMap<>();
        Conditions.awaitUntil(() -> {
            states.clear();
            CommandResult r = karaf.run("assessment:results --json --limit 10000");
            if (!r.succeeded()) {
                return false;
            }
            try {
                JSON.readTree(r.output()).forEach(s -> states.put(s.path("result").path("resultId").asText(),
                        s.path("state").asText()));
            } catch (IOException e) {
                return false;
            }
            return !states.isEmpty() && states.values().stream().allMatch("DELIVERED"::equals)
                    && cp.received().resultIds().containsAll(states.keySet());
        }, timeout, () -> "every result DELIVERED and at the control plane; states " + states
                + "; last control-plane requests: " + lastRequests(cp, 20));
        return Set.copyOf(states.keySet());
    }

    /** The last {@code n} requests the control plane received, one line each, for failure messages. */
    public static String lastRequests(ReferenceControlPlane cp, int n) {
        var requests = cp.received().requests();
        return requests.stream().skip(Math.max(0, requests.size() - n))
                .map(r -> r.method() + " " + r.path() + " " + r.status()).toList().toString();
    }
}
