package org.assessmentruntime.camel.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assessmentruntime.camel.internal.TestRuntimes.await;
import static org.assessmentruntime.camel.internal.TestRuntimes.route;

import java.time.Duration;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.assessmentruntime.api.RouteInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhiteboardTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private CamelRuntime runtime;

    @BeforeEach
    void start() throws Exception {
        runtime = TestRuntimes.start();
    }

    @AfterEach
    void stop() throws Exception {
        runtime.deactivate();
    }

    @Test
    void boundBuilderRunsAndUnbindingRemovesExactlyItsRoutes() throws Exception {
        RoutesBuilder ticker = timerRoute("ticker");
        RoutesBuilder other = timerRoute("other");
        runtime.addRoutesBuilder(ticker);
        runtime.addRoutesBuilder(other);

        await("ticker to count exchanges", WAIT,
                () -> route(runtime, "ticker").map(RouteInfo::exchangesTotal).orElse(0L) > 0);
        RouteInfo info = route(runtime, "ticker").orElseThrow();
        assertThat(info.state()).isEqualTo("Started");
        assertThat(info.from()).isEqualTo("timer://ticker?period=10");
        assertThat(info.exchangesFailed()).isZero();

        runtime.removeRoutesBuilder(ticker);

        assertThat(runtime.context().getRoute("ticker")).isNull();
        assertThat(runtime.status().routes()).extracting(RouteInfo::id).containsExactly("other");
    }

    @Test
    void builderThatThrowsDoesNotDisturbOthers() throws Exception {
        runtime.addRoutesBuilder(timerRoute("healthy"));
        runtime.addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                throw new IllegalStateException("broken on purpose");
            }
        });

        long before = route(runtime, "healthy").orElseThrow().exchangesTotal();
        await("healthy to keep counting", WAIT,
                () -> route(runtime, "healthy").orElseThrow().exchangesTotal() > before);
        assertThat(runtime.status().routes()).extracting(RouteInfo::id).containsExactly("healthy");
    }

    @Test
    void routesOfABuilderThatFailsHalfwayAreRolledBack() throws Exception {
        runtime.addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:first").routeId("first").to("log:first");
                from("direct:second").routeId("second").to("no-such-component:x");
            }
        });

        assertThat(runtime.status().routes()).isEmpty();
    }

    @Test
    void routeIdTakenByAnotherBuilderIsRefused() throws Exception {
        RoutesBuilder first = timerRoute("shared");
        runtime.addRoutesBuilder(first);
        runtime.addRoutesBuilder(timerRoute("shared"));

        assertThat(runtime.status().routes()).extracting(RouteInfo::id).containsExactly("shared");
        runtime.removeRoutesBuilder(first);
        assertThat(runtime.status().routes()).isEmpty();
    }

    @Test
    void sameBuilderCanBeBoundToANewContextAfterARestart() throws Exception {
        RoutesBuilder ticker = timerRoute("ticker");
        runtime.addRoutesBuilder(ticker);
        runtime.deactivate();
        // As when DS recreates the component after a configuration change.
        runtime = TestRuntimes.start();

        runtime.addRoutesBuilder(ticker);

        await("ticker to run in the new context", WAIT,
                () -> route(runtime, "ticker").map(RouteInfo::exchangesTotal).orElse(0L) > 0);
    }

    static RoutesBuilder timerRoute(String id) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:" + id + "?period=10").routeId(id).to("log:" + id + "?level=DEBUG");
            }
        };
    }
}
