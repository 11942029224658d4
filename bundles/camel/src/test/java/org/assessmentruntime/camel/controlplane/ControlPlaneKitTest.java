package org.assessmentruntime.camel.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.assessmentruntime.api.ControlPlaneConnection;
import org.junit.jupiter.api.Test;
import org.osgi.service.component.ComponentContext;

class ControlPlaneKitTest {

    @Test
    void readsTheErrorEnvelopeInALine() {
        assertThat(ControlPlaneErrors.messages(bytes("{\"errors\":{\"body\":\"bad token\",\"status\":[\"unknown\"]}}")))
                .contains("bad token; status: [\"unknown\"]");
        assertThat(ControlPlaneErrors.messages(bytes("{\"errors\":{\"revision\":\"too old\"}}"))).contains("revision: too old");
    }

    @Test
    void aReplyThatIsNoEnvelopeSaysNothing() {
        assertThat(ControlPlaneErrors.messages(null)).isEmpty();
        assertThat(ControlPlaneErrors.messages(new byte[0])).isEmpty();
        assertThat(ControlPlaneErrors.messages(bytes("<html>502 Bad Gateway</html>"))).isEmpty();
        assertThat(ControlPlaneErrors.messages(bytes("{\"errors\":{}}"))).isEmpty();
        assertThat(ControlPlaneErrors.messages(bytes("{\"data\":{}}"))).isEmpty();
    }

    @Test
    void switchesTheComponentsOnWhileAConnectionIsBoundAndSurvivesAReplacement() {
        List<String> calls = new ArrayList<>();
        ComponentContext context = (ComponentContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { ComponentContext.class }, (proxy, method, args) -> {
                    calls.add(method.getName() + " " + args[0]);
                    return null;
                });
        ControlPlaneComponents controlPlane = new ControlPlaneComponents(context, Set.of("a.Route"));
        ControlPlaneConnection first = connection();
        ControlPlaneConnection second = connection();

        controlPlane.bind(first);
        controlPlane.bind(second);
        controlPlane.unbind(first);
        assertThat(calls).containsOnly("enableComponent a.Route");

        controlPlane.unbind(second);
        assertThat(calls).last().isEqualTo("disableComponent a.Route");
    }

    private static ControlPlaneConnection connection() {
        return (ControlPlaneConnection) Proxy.newProxyInstance(ControlPlaneKitTest.class.getClassLoader(),
                new Class<?>[] { ControlPlaneConnection.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
