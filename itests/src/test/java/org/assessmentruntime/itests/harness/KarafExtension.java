package org.assessmentruntime.itests.harness;

import java.util.Optional;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Boots one {@link KarafDistribution} per test class and stops it after the last test.
 *
 * <p>Register it on a static field, so JUnit calls it before and after all tests of the class:
 * <pre>
 * &#64;RegisterExtension
 * static final KarafExtension KARAF = new KarafExtension(options -&gt; options
 *         .readiness("bundle:list", out -&gt; out.contains("Active")));
 *
 * &#64;Test
 * void something() {
 *     assertThat(KARAF.karaf().execute("system:version")).contains("4.4");
 * }
 * </pre>
 * Test methods may also take a {@link KarafDistribution} parameter.
 *
 * <p>Why per class and not per method: a boot costs 10–30 s on a 2-core machine. Tests of one class
 * therefore share the instance and must not depend on each other's side effects beyond what their
 * order (e.g. {@code @TestMethodOrder}) makes explicit. A test may call {@link KarafDistribution#stop()}
 * itself to assert on the stop; {@link #afterAll} then only releases resources.
 *
 * <p>Diagnostics (karaf.log tail, process output) are printed to stderr when the boot fails, when a
 * test fails and when the stop is not clean, so CI logs and the failsafe report show why.
 */
public final class KarafExtension implements BeforeAllCallback, AfterAllCallback, TestWatcher, ParameterResolver {

    private final UnaryOperator<KarafOptions> customizer;
    private KarafDistribution karaf;

    /** Boots with the defaults of {@link KarafOptions#fromSystemProperties(String)}. */
    public KarafExtension() {
        this(UnaryOperator.identity());
    }

    /** Boots with the defaults, changed by {@code customizer}. */
    public KarafExtension(UnaryOperator<KarafOptions> customizer) {
        this.customizer = customizer;
    }

    /** The running (or stopped) distribution of the current test class. */
    public KarafDistribution karaf() {
        if (karaf == null) {
            throw new IllegalStateException("Karaf is not booted: register KarafExtension on a static field");
        }
        return karaf;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        String name = context.getRequiredTestClass().getSimpleName();
        karaf = KarafDistribution.start(customizer.apply(KarafOptions.fromSystemProperties(name)));
        context.publishReportEntry("karaf.bootMillis", String.valueOf(karaf.bootDuration().toMillis()));
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (karaf != null) {
            System.err.println(karaf.diagnostics(context.getDisplayName() + " failed: " + cause));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (karaf == null) {
            return;
        }
        try {
            StopResult stop = karaf.stop();   // no-op returning the earlier result if a test stopped it
            if (stop != null) {
                context.publishReportEntry("karaf.stop", stop.toString());
            }
        } finally {
            karaf.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == KarafDistribution.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return karaf();
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        // Nothing: an aborted (assumption-failed) test says nothing about Karaf.
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        // Nothing to report.
    }
}
