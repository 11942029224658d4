package org.assessmentruntime.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Enterprise install (issue 8): our features repository installs into a STOCK Apache Karaf 4.4.10
 * ({@code feature:repo-add} of our Maven coordinates, {@code feature:install assessment-runtime}) and
 * works there.
 *
 * <p>Stock Karaf has none of our artifacts in {@code system/}, so pax-url resolves them from the build's
 * local Maven repository (where {@code mvn install} put them), and from nowhere else: no remote
 * repositories. That repository is also a default (file) repository, so artifacts that Maven once
 * downloaded from central (and recorded as such in {@code _remote.repositories}) are found too.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EnterpriseInstallIT {

    /** System properties set by failsafe (see itests/pom.xml). */
    static final String STOCK_KARAF_PROPERTY = "assessment.itest.stockKaraf";
    static final String VERSION_PROPERTY = "assessment.itest.projectVersion";
    static final String LOCAL_REPOSITORY_PROPERTY = "assessment.itest.localRepository";

    /** Bound on resolving, downloading (from the local repository) and starting every feature. */
    static final Duration INSTALL = Duration.ofMinutes(4);
    /** As in BootIT: DS and Camel may still be activating after the install returns. */
    static final Duration SETTLE = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The example plugins as the build packages them; failsafe runs in itests/. */
    private static final Path BUILT_PLUGINS = Path.of("..", "plugins", "target", "plugins").toAbsolutePath().normalize();

    @RegisterExtension
    static final KarafExtension KARAF = new KarafExtension(options -> {
        String localRepo = localRepository().toUri().toString();
        return options
                .distribution(Path.of(required(STOCK_KARAF_PROPERTY)))
                // The harness' offline mode points Karaf at an empty private repository; here the
                // build's local repository is the one source, configured below.
                .offline(false)
                .config("org.ops4j.pax.url.mvn", "org.ops4j.pax.url.mvn.repositories", "")
                .config("org.ops4j.pax.url.mvn", "org.ops4j.pax.url.mvn.useFallbackRepositories", "false")
                .config("org.ops4j.pax.url.mvn", "org.ops4j.pax.url.mvn.localRepository", localRepository().toString())
                .config("org.ops4j.pax.url.mvn", "org.ops4j.pax.url.mvn.defaultRepositories",
                        "${karaf.home.uri}${karaf.default.repository}@id=system.repository@snapshots,"
                                + "${karaf.data.uri}kar@id=kar.repository@multi@snapshots,"
                                + localRepo + "@id=build.local.repository@snapshots");
    });

    @Test
    @Order(1)
    void bootsStockKaraf(KarafDistribution karaf) {
        CommandResult version = karaf.run("system:version");
        assertThat(version.succeeded()).as("%s", version).isTrue();
        assertThat(version.output()).contains("4.4.10");
        // Really stock: nothing of ours is there before the install.
        assertThat(runtimeBundles(karaf.run(BundleList.COMMAND))).isEmpty();
    }

    @Test
    @Order(2)
    void installsTheFeaturesFromMavenCoordinates(KarafDistribution karaf) {
        String url = "mvn:org.assessmentruntime/assessment-features/" + required(VERSION_PROPERTY) + "/xml/features";
        CommandResult repo = karaf.run("feature:repo-add " + url);
        assertThat(repo.succeeded()).as("%s", repo).isTrue();
        CommandResult repos = karaf.run("feature:repo-list");
        assertThat(repos.output()).as("%s", repos).contains(url);

        long start = System.nanoTime();
        CommandResult install = karaf.run("feature:install assessment-runtime", INSTALL);
        System.out.printf("[karaf-itest] EnterpriseInstallIT: feature:install assessment-runtime took %.1f s%n",
                (System.nanoTime() - start) / 1e9);
        assertThat(install.succeeded()).as("%s", install).isTrue();
        CommandResult installed = karaf.run("feature:list -i");
        assertThat(installed.output()).as("%s", installed).contains("assessment-runtime");
    }

    @Test
    @Order(3)
    void everyRuntimeBundleIsActive(KarafDistribution karaf) {
        CommandResult r = karaf.awaitCommand(BundleList.COMMAND, res -> {
            List<BundleList.Bundle> ours = runtimeBundles(res);
            return !ours.isEmpty() && ours.stream().allMatch(BundleList.Bundle::active);
        }, SETTLE);
        assertThat(r.succeeded()).as("%s", r).isTrue();
        List<BundleList.Bundle> ours = runtimeBundles(r);
        assertThat(ours).as("bundles named %s*", BootIT.BUNDLE_PREFIX).isNotEmpty();
        assertThat(ours).as("runtime bundles that are not Active").filteredOn(b -> !b.active()).isEmpty();
    }

    @Test
    @Order(4)
    void everyComponentIsListedAndUp(KarafDistribution karaf) {
        CommandResult r = karaf.awaitCommand("assessment:status --json", res -> res.succeeded()
                && StatusOutput.notUp(res.output()).isEmpty(), SETTLE);
        assertThat(r.succeeded()).as("%s", r).isTrue();
        assertThat(StatusOutput.componentIdsFromJson(r.output())).as("component of each entry in:\n%s", r.output())
                .containsExactlyInAnyOrderElementsOf(StatusOutput.COMPONENTS);
        assertThat(StatusOutput.notUp(r.output())).as("components not up (bundle not ACTIVE or health DOWN) in:%n%s", r.output())
                .isEmpty();
    }

    @Test
    @Order(5)
    void runsAPluginThere(KarafDistribution karaf) throws IOException {
        Path source = BUILT_PLUGINS.resolve("os-baseline");
        assumeTrue(Files.isRegularFile(source.resolve("plugin.json")), "example plugins not built: " + source);
        // Stock Karaf ships no plugins: put the built one into its home, then run it by absolute path.
        Path plugin = karaf.home().resolve("plugins").resolve("os-baseline");
        copyTree(source, plugin);

        // No etc/org.assessmentruntime.jobrunner.cfg here, so the job runner grants nothing (deny by default):
        // the operator allows the host directories the plugin reads for this run with --grant.
        CommandResult r = karaf.run("assessment:plugin-run --grant /etc::/etc --grant /usr/lib::/usr/lib " + plugin);
        assertThat(r.succeeded()).as("%s", r).isTrue();
        JsonNode result = JSON.readTree(r.output());
        // The host's own /etc: the verdict depends on the machine, but the run must assess it, not fail.
        assertThat(result.path("status").asText()).as("%s", result).isIn("PASS", "FAIL");
        assertThat(result.path("subjects")).isNotEmpty();
        assertThat(result.path("provenance").path("digest").asText()).startsWith("sha256:");
    }

    @Test
    @Order(6)
    void karafLogHasNoErrors(KarafDistribution karaf) {
        KarafChecks.assertNoErrorsLogged(karaf);
    }

    @Test
    @Order(7)
    void stopsCleanly(KarafDistribution karaf) {
        KarafChecks.assertStopsCleanly(karaf);
    }

    // ------------------------------------------------------------------------------------------------

    static Path localRepository() {
        Path repo = Path.of(required(LOCAL_REPOSITORY_PROPERTY)).toAbsolutePath().normalize();
        if (!Files.isDirectory(repo.resolve("org/assessmentruntime/assessment-features"))) {
            throw new IllegalStateException("no assessment-features in " + repo + ": run mvn install first");
        }
        return repo;
    }

    static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("-D" + property + " not set (failsafe does this; see itests/pom.xml)");
        }
        return value;
    }

    private static List<BundleList.Bundle> runtimeBundles(CommandResult r) {
        return BundleList.parse(r.output()).stream()
                .filter(BundleList.symbolicNameStartsWith(BootIT.BUNDLE_PREFIX)).toList();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(f -> {
                try {
                    Path target = to.resolve(from.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
