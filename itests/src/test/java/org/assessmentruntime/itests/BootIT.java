package org.assessmentruntime.itests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.assessmentruntime.itests.harness.BundleList;
import org.assessmentruntime.itests.harness.CommandResult;
import org.assessmentruntime.itests.harness.KarafChecks;
import org.assessmentruntime.itests.harness.KarafDistribution;
import org.assessmentruntime.itests.harness.KarafExtension;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The distribution boots into a working runtime: every runtime bundle Active, {@code assessment:status}
 * lists every component (as a table and as JSON), no ERROR in karaf.log, and a clean stop.
 *
 * <p>Deliberately strict: on stock Apache Karaf (no runtime bundles, no {@code assessment:} commands)
 * steps 2 to 4 fail; use {@link HarnessSmokeIT} to prove the harness there.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BootIT {

    /** Prefix of every runtime bundle's symbolic name (ComponentId.BUNDLE_PREFIX in the API). */
    static final String BUNDLE_PREFIX = "org.assessmentruntime.";

    /**
     * How long bundle states may take to settle after the readiness probe (BootFinished): DS and
     * Camel contexts can still be activating on a busy 2-core machine.
     */
    static final Duration SETTLE = Duration.ofSeconds(20);

    @RegisterExtension
    static final KarafExtension KARAF = new KarafExtension();

    @Test
    @Order(1)
    void boots(KarafDistribution karaf) {
        // The extension booted it (bounded by assessment.itest.bootTimeoutSeconds) before this test.
        assertThat(karaf.bootDuration()).isNotNull();
        assertThat(karaf.isAlive()).isTrue();
        CommandResult version = karaf.run("system:version");
        assertThat(version.succeeded()).as("%s", version).isTrue();
    }

    @Test
    @Order(2)
    void everyRuntimeBundleIsActive(KarafDistribution karaf) {
        CommandResult r = karaf.awaitCommand(BundleList.COMMAND, res -> {
            List<BundleList.Bundle> ours = runtimeBundles(res);
            return !ours.isEmpty() && ours.stream().allMatch(BundleList.Bundle::active);
        }, SETTLE);
        assertThat(r.succeeded()).as("%s", r).isTrue();
        List<BundleList.Bundle> ours = runtimeBundles(r);
        assertThat(ours).as("bundles named %s*", BUNDLE_PREFIX).isNotEmpty();
        assertThat(ours).as("runtime bundles that are not Active").filteredOn(b -> !b.active()).isEmpty();
    }

    @Test
    @Order(3)
    void statusListsEveryComponent(KarafDistribution karaf) {
        CommandResult r = karaf.run("assessment:status");
        assertThat(r.succeeded()).as("%s", r).isTrue();
        assertThat(StatusOutput.missingFromTable(r.output())).as("components missing from:\n%s", r.output()).isEmpty();
    }

    @Test
    @Order(4)
    void statusJsonHasOneEntryPerComponent(KarafDistribution karaf) {
        CommandResult r = karaf.run("assessment:status --json");
        assertThat(r.succeeded()).as("%s", r).isTrue();
        assertThat(StatusOutput.componentIdsFromJson(r.output())).as("component of each entry in:\n%s", r.output())
                .containsExactlyInAnyOrderElementsOf(StatusOutput.COMPONENTS);
    }

    @Test
    @Order(5)
    void everyComponentIsUpSoonAfterBoot(KarafDistribution karaf) throws Exception {
        long waitStart = System.nanoTime();
        CommandResult r = karaf.awaitCommand("assessment:status --json", res -> res.succeeded()
                && StatusOutput.notUp(res.output()).isEmpty(), SETTLE);
        Duration waited = Duration.ofNanos(System.nanoTime() - waitStart);
        assertThat(StatusOutput.notUp(r.output())).as("components not up (bundle not ACTIVE or health DOWN) in:%n%s", r.output())
                .isEmpty();
        // Bounded by SETTLE; the figure goes to the log so that boot time can be followed across builds.
        System.out.printf("[karaf-itest] BootIT: all components up %.1f s after process start%n",
                karaf.bootDuration().plus(waited).toMillis() / 1000.0);
    }

    @Test
    @Order(6)
    void routesCommandListsTheCamelContextsRoutes(KarafDistribution karaf) throws Exception {
        CommandResult table = karaf.run("assessment:routes");
        assertThat(table.succeeded()).as("%s", table).isTrue();
        assertThat(table.output()).contains("Route").contains("State").contains("Total");

        CommandResult json = karaf.run("assessment:routes --json");
        assertThat(json.succeeded()).as("%s", json).isTrue();
        JsonNode routes = new ObjectMapper().readTree(json.output());
        assertThat(routes.isArray()).as("JSON array in:\n%s", json.output()).isTrue();
        // Standalone (no control plane configured): none of the control-plane routes is published, so the
        // command lists none (ControlPlaneIT asserts them on a connected runtime).
        List<String> ids = new ArrayList<>();
        routes.forEach(route -> ids.add(route.path("id").asText()));
        assertThat(ids).as("routes of a standalone runtime").doesNotContainAnyElementsOf(ControlPlaneIT.CONTROL_PLANE_ROUTES);
        // Every route the runtime publishes is running: none stopped or failed to start.
        routes.forEach(route -> assertThat(route.path("state").asText()).as("%s", route).isEqualTo("Started"));
    }

    @Test
    @Order(7)
    void theStatusIsPublishedForJmx(KarafDistribution karaf) {
        // Karaf's JMX whiteboard exports services that carry jmx.objectname to the platform MBeanServer.
        CommandResult r = karaf.run("service:list org.assessmentruntime.shell.internal.RuntimeStatusMXBean");
        assertThat(r.succeeded()).as("%s", r).isTrue();
        assertThat(r.output()).contains("jmx.objectname = org.assessmentruntime:type=RuntimeStatus");
    }

    @Test
    @Order(8)
    void karafLogHasNoErrors(KarafDistribution karaf) {
        KarafChecks.assertNoErrorsLogged(karaf);
    }

    @Test
    @Order(9)
    void stopsCleanly(KarafDistribution karaf) {
        KarafChecks.assertStopsCleanly(karaf);
    }

    private static List<BundleList.Bundle> runtimeBundles(CommandResult r) {
        return BundleList.parse(r.output()).stream()
                .filter(BundleList.symbolicNameStartsWith(BUNDLE_PREFIX)).toList();
    }
}
