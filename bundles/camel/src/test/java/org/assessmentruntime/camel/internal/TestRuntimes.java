package org.assessmentruntime.camel.internal;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.apache.camel.CamelContext;
import org.assessmentruntime.api.RouteInfo;

/** Builds {@link CamelRuntime}s the way DS would, without OSGi. */
final class TestRuntimes {

    /** What a test runtime published as its services; null once withdrawn. */
    static final class Published {
        final AtomicReference<CamelContext> context = new AtomicReference<>();
        final AtomicReference<CamelStatus> status = new AtomicReference<>();
    }

    private TestRuntimes() {
    }

    static CamelRuntime start(Published published) throws Exception {
        return new CamelRuntime(config("test-" + System.nanoTime(), 2), CamelRuntime.class.getClassLoader(),
                (context, status) -> {
                    published.context.set(context);
                    published.status.set(status);
                    return () -> {
                        published.context.set(null);
                        published.status.set(null);
                    };
                });
    }

    static CamelRuntime start() throws Exception {
        return start(new Published());
    }

    static CamelRuntimeConfig config(String name, int shutdownTimeoutSeconds) {
        return new CamelRuntimeConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return CamelRuntimeConfig.class;
            }

            @Override
            public String contextName() {
                return name;
            }

            @Override
            public int shutdownTimeoutSeconds() {
                return shutdownTimeoutSeconds;
            }
        };
    }

    static Optional<RouteInfo> route(CamelRuntime runtime, String id) {
        return runtime.status().routes().stream().filter(route -> route.id().equals(id)).findFirst();
    }

    /** Polls until {@code condition} holds; fails after {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
