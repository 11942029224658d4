package org.assessmentruntime.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.assessmentruntime.itests.coexist.Camel3Ticker;
import org.assessmentruntime.itests.harness.BundleList;
import org.assessmentruntime.itests.harness.CommandResult;
import org.assessmentruntime.itests.harness.ControlPlanes;
import org.assessmentruntime.itests.harness.KarafChecks;
import org.assessmentruntime.itests.harness.KarafDistribution;
import org.assessmentruntime.itests.harness.KarafExtension;
import org.assessmentruntime.referencecp.ReferenceControlPlane;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Our features installed into a stock Apache Karaf 4.4 that already runs Apache Camel from camel-karaf's
 * own features (issue 18, item 4): the operator's Camel application keeps running, ours comes up
 * connected to the control plane, and neither disturbs the other.
 *
 * <p>Which camel-karaf: 3.22.4 ({@code camel-core} and {@code camel-http}, the latter for HttpClient 4
 * and the servlet API beside our HttpClient 5). camel-karaf 4.x's bundles (org.apache.camel.karaf:camel-api
 * and the rest) cannot be obtained from the only repository this build may use, so the Camel 4 line is
 * argued in docs/operations.md rather than tested: our Camel is one bundle that exports Camel at its own
 * version and never imports it ({@code -noimport}), and our route bundles import Camel in {@code [4.18,4.19)}
 * only, so another Camel 4 of a different minor line cannot be wired to them.
 *
 * <p>The "existing application" is {@link Camel3Ticker}, packed into a bundle here: its own CamelContext on
 * camel-karaf's Camel, a timer route logging a line every half second. Everything resolves from the build's
 * repositories (camel-karaf's bundles gathered by the karaf-maven-plugin in itests/pom.xml); the control
 * plane is the reference one on 127.0.0.1.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CamelKarafCoexistenceIT {

    static final String CAMEL_KARAF_REPOSITORY_PROPERTY = "assessment.itest.camelKarafRepository";
    static final String CAMEL_KARAF_VERSION_PROPERTY = "assessment.itest.camelKarafVersion";

    private static final Duration INSTALL = Duration.ofMinutes(4);
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final String TICKER_BSN = "org.assessmentruntime.itests.camel3-ticker";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT_ID = UUID.randomUUID().toString();
    private static final String CLIENT_SECRET = "s3cr3t-" + UUID.randomUUID();

    /** Started before Karaf (static initialisation precedes the extension's beforeAll). */
    private static final ReferenceControlPlane CP = ControlPlanes.started(ReferenceControlPlane.builder()
            .client(CLIENT_ID, CLIENT_SECRET));

    @RegisterExtension
    static final KarafExtension KARAF = new KarafExtension(options -> {
        String localRepo = EnterpriseInstallIT.localRepository().toUri().toString();
        String camelRepo = Path.of(EnterpriseInstallIT.required(CAMEL_KARAF_REPOSITORY_PROPERTY)).toUri().toString();
        // Connected, as a fleet runtime is: our Camel's HTTP client must work beside camel-karaf's.
        return ControlPlanes.connect(options, CP, CLIENT_ID, CLIENT_SECRET)
                .distribution(Path.of(EnterpriseInstallIT.required(EnterpriseInstallIT.STOCK_KARAF_PROPERTY)))
                .offline(false)
                .config("org.ops4j.pax.url.mvn", "org.ops4j.pax.url.mvn.repositories", "")
                .config("org.ops4j.pax.url.mvn", "org.ops4j.pax.url.mvn.useFallbackRepositories", "false")
                .config("org.ops4j.pax.url.mvn", "org.ops4j.pax.url.mvn.localRepository",
                        EnterpriseInstallIT.localRepository().toString())
                .config("org.ops4j.pax.url.mvn", "org.ops4j.pax.url.mvn.defaultRepositories",
                        "${karaf.home.uri}${karaf.default.repository}@id=system.repository@snapshots,"
                                + "${karaf.data.uri}kar@id=kar.repository@multi@snapshots,"
                                + camelRepo + "@id=camel.karaf.repository,"
                                + localRepo + "@id=build.local.repository@snapshots")
                .config("org.assessmentruntime.controlplane", "heartbeatIntervalSeconds", "2");
    });

    @AfterAll
    static void stopControlPlane() {
        CP.close();
    }

    @Test
    @Order(1)
    void camelKarafRunsTheOperatorsApplication(KarafDistribution karaf) throws IOException {
        String url = "mvn:org.apache.camel.karaf/apache-camel/" + EnterpriseInstallIT.required(CAMEL_KARAF_VERSION_PROPERTY)
                + "/xml/features";
        CommandResult repo = karaf.run("feature:repo-add " + url);
        assertThat(repo.succeeded()).as("%s", repo).isTrue();
        CommandResult install = karaf.run("feature:install camel-core camel-http", INSTALL);
        assertThat(install.succeeded()).as("%s", install).isTrue();

        Path ticker = tickerBundle(karaf.runDir().resolve("camel3-ticker.jar"));
        CommandResult started = karaf.run("bundle:install -s " + ticker.toUri());
        assertThat(started.succeeded()).as("%s", started).isTrue();
        assertThat(awaitTicks(karaf, 3)).as("ticks of the Camel 3 application in karaf.log").isTrue();
    }

    @Test
    @Order(2)
    void ourFeaturesInstallBesideIt(KarafDistribution karaf) {
        String url = "mvn:org.assessmentruntime/assessment-features/"
                + EnterpriseInstallIT.required(EnterpriseInstallIT.VERSION_PROPERTY) + "/xml/features";
        assertThat(karaf.run("feature:repo-add " + url).succeeded()).isTrue();
        CommandResult install = karaf.run("feature:install assessment-runtime", INSTALL);
        assertThat(install.succeeded()).as("%s", install).isTrue();

        CommandResult r = karaf.awaitCommand(BundleList.COMMAND, res -> {
            List<BundleList.Bundle> ours = ours(res);
            return !ours.isEmpty() && ours.stream().allMatch(BundleList.Bundle::active);
        }, SETTLE);
        assertThat(ours(r)).as("our bundles").isNotEmpty().allMatch(BundleList.Bundle::active);
        // camel-karaf's Camel and the application on it are untouched by the install (no refresh left
        // them stopped or resolved only).
        List<BundleList.Bundle> camel3 = BundleList.parse(r.output()).stream()
                .filter(BundleList.symbolicNameStartsWith("org.apache.camel.camel-")).toList();
        assertThat(camel3).as("camel-karaf's bundles in:%n%s", r.output()).isNotEmpty().allMatch(BundleList.Bundle::active);
        assertThat(BundleList.parse(r.output()).stream().filter(BundleList.symbolicNameStartsWith(TICKER_BSN)))
                .as("the Camel 3 application").singleElement().matches(BundleList.Bundle::active);
    }

    @Test
    @Order(3)
    void ourRuntimeIsConnectedAndEveryComponentUp(KarafDistribution karaf) throws Exception {
        CommandResult status = karaf.awaitCommand("assessment:status --json", res -> res.succeeded()
                && StatusOutput.notUp(res.output()).isEmpty(), SETTLE);
        assertThat(StatusOutput.componentIdsFromJson(status.output())).as("%s", status)
                .containsExactlyInAnyOrderElementsOf(StatusOutput.COMPONENTS);
        assertThat(StatusOutput.notUp(status.output())).as("components not up in:%n%s", status.output()).isEmpty();

        CommandResult auth = karaf.awaitCommand("assessment:auth-status --json",
                res -> res.succeeded() && !json(res).path("tokenExpiresAt").asText().isEmpty(), SETTLE);
        assertThat(json(auth).path("mode").asText()).as("%s", auth).isEqualTo("connected");
        // Heartbeats go out through our Camel's HTTP route while camel-karaf's camel-http is installed too.
        assertThat(CP.received().awaitHeartbeats(2, Duration.ofSeconds(30))).as("two heartbeats").isTrue();
        CommandResult routes = karaf.run("assessment:routes");
        assertThat(routes.output()).as("%s", routes).contains("assessment-heartbeat").contains("assessment-control-plane");
    }

    @Test
    @Order(4)
    void theOperatorsApplicationKeepsRunning(KarafDistribution karaf) {
        long before = ticks(karaf);
        assertThat(awaitTicks(karaf, before + 4)).as("the Camel 3 route still ticks after our install").isTrue();
    }

    @Test
    @Order(5)
    void karafLogHasNoErrorsAndStopsCleanly(KarafDistribution karaf) {
        KarafChecks.assertNoErrorsLogged(karaf);
        KarafChecks.assertStopsCleanly(karaf);
    }

    // ------------------------------------------------------------------------------------------------

    private static List<BundleList.Bundle> ours(CommandResult r) {
        return BundleList.parse(r.output()).stream().filter(BundleList.symbolicNameStartsWith(BootIT.BUNDLE_PREFIX)).toList();
    }

    private static long ticks(KarafDistribution karaf) {
        return karaf.karafLog().lines().stream().filter(l -> l.contains(Camel3Ticker.TICK)).count();
    }

    private static boolean awaitTicks(KarafDistribution karaf, long atLeast) {
        return await(() -> ticks(karaf) >= atLeast, Duration.ofSeconds(30));
    }

    private static boolean await(java.util.function.BooleanSupplier condition, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    private static JsonNode json(CommandResult r) {
        try {
            return JSON.readTree(r.output());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + r, e);
        }
    }

    /** {@link Camel3Ticker} as a bundle wired to camel-karaf's Camel 3 packages. */
    static Path tickerBundle(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", TICKER_BSN);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Bundle-Activator", Camel3Ticker.class.getName());
        String camel3 = ";version=\"[3.22,4)\"";
        main.putValue("Import-Package", String.join(",",
                "org.apache.camel" + camel3, "org.apache.camel.builder" + camel3, "org.apache.camel.model" + camel3,
                "org.apache.camel.component.timer" + camel3, "org.apache.camel.core.osgi" + camel3,
                "org.osgi.framework", "org.slf4j"));
        Predicate<String> tickerClass = name -> name.equals("Camel3Ticker.class") || name.startsWith("Camel3Ticker$");
        String pkg = Camel3Ticker.class.getPackageName().replace('.', '/');
        Path classes = Path.of(Camel3Ticker.class.getProtectionDomain().getCodeSource().getLocation().getPath()).resolve(pkg);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(out, manifest);
             var files = Files.list(classes)) {
            for (Path f : files.filter(f -> tickerClass.test(f.getFileName().toString())).sorted().toList()) {
                jos.putNextEntry(new JarEntry(pkg + "/" + f.getFileName()));
                try (InputStream in = Files.newInputStream(f)) {
                    in.transferTo(jos);
                }
                jos.closeEntry();
            }
        }
        return jar;
    }
}
