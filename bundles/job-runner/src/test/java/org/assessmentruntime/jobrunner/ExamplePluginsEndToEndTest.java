package org.assessmentruntime.jobrunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.assessmentruntime.api.WasmEngine;
import org.assessmentruntime.api.WasmExecutor;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.FailureKind;
import org.assessmentruntime.api.model.Finding;
import org.assessmentruntime.api.model.Finding.State;
import org.assessmentruntime.api.model.JobContext;
import org.assessmentruntime.api.model.LogEntry;
import org.assessmentruntime.api.model.PluginRef;
import org.assessmentruntime.api.model.ResourceLimits;
import org.assessmentruntime.api.model.ResultStatus;
import org.assessmentruntime.enginechicory.ChicoryEngines;
import org.assessmentruntime.pluginstore.InvalidPluginException;
import org.assessmentruntime.pluginstore.PluginPackage;
import org.assessmentruntime.wasmexecutor.WasmExecutors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real example plugins (as the plugins module builds them) on the real Chicory engine through the
 * real executor, against their fixture directories, granted in place of the host directories their
 * manifests name.
 */
class ExamplePluginsEndToEndTest {

    static final Path BUILT = Path.of(System.getProperty("plugins.built.dir", "target/example-plugins"));
    static final Path EXAMPLES = Path.of(System.getProperty("plugins.examples.dir", "../../plugins/examples"));

    static WasmEngine engine;
    static PluginRunner runner;

    @BeforeAll
    static void startEngine() {
        assumeTrue(Files.isRegularFile(BUILT.resolve("sshd-hardening/plugin.wasm")),
                "the example plugins are not built (" + BUILT + "); build the plugins module first");
        engine = ChicoryEngines.create();
        WasmExecutor executor = WasmExecutors.create("chicory", 2, List.of(engine));
        // The operator allows the fixtures (and the empty stand-in directory), as etc/ allows the real ones.
        GrantPolicy fixtures = GrantPolicy.allowing(List.of(EXAMPLES.toAbsolutePath().normalize().toString(),
                emptyDirectory().toString()), List.of());
        runner = new PluginRunner(executor, "e2e-test", Clock.systemUTC(), name -> null, fixtures);
    }

    @AfterAll
    static void stopEngine() throws Exception {
        if (engine instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    static PluginPackage plugin(String name) throws InvalidPluginException {
        return PluginPackage.load(BUILT.resolve(name));
    }

    static String fixture(String plugin, String path) {
        Path dir = EXAMPLES.resolve(plugin).resolve("test/fixtures").resolve(path).toAbsolutePath().normalize();
        assertThat(dir).isDirectory();
        return dir.toString();
    }

    static AssessmentResult run(PluginPackage plugin, Map<String, Object> configuration, RunOptions options) {
        JobContext context = new JobContext(JobContext.ABI_VERSION, UUID.randomUUID(), "e2e", "fixtures",
                plugin.descriptor().name().replace('/', '-'), "", "", "", configuration, null);
        return runner.run(plugin, new PluginRef(plugin.descriptor().name(), "1.0.0"), context, null,
                options.withEngine("chicory"));
    }

    static void assertRanOnChicory(AssessmentResult result, PluginPackage plugin) {
        assertThat(result.provenance().engine()).isEqualTo("chicory");
        assertThat(result.provenance().digest()).isEqualTo(plugin.digest());
        assertThat(result.provenance().limits()).isEqualTo(plugin.descriptor().limits());
        assertThat(result.provenance().end()).isAfterOrEqualTo(result.provenance().start());
    }

    @Test
    void sshdHardeningPassesAHardenedConfiguration() throws Exception {
        PluginPackage plugin = plugin("sshd-hardening");

        AssessmentResult result = run(plugin, Map.of(),
                RunOptions.DEFAULT.withHostDirectory("/etc/ssh", fixture("sshd-hardening", "pass")));

        assertThat(result.status()).as("%s", result).isEqualTo(ResultStatus.PASS);
        assertThat(result.findings()).hasSize(10).extracting(Finding::state).containsOnly(State.SATISFIED);
        assertThat(result.subjects()).extracting(s -> s.identifier())
                .contains("/etc/ssh/sshd_config", "/etc/ssh/sshd_config.d/10-crypto.conf");
        assertRanOnChicory(result, plugin);
    }

    @Test
    void sshdHardeningFailsALaxConfiguration() throws Exception {
        PluginPackage plugin = plugin("sshd-hardening");

        AssessmentResult result = run(plugin, Map.of(),
                RunOptions.DEFAULT.withHostDirectory("/etc/ssh", fixture("sshd-hardening", "fail")));

        assertThat(result.status()).as("%s", result).isEqualTo(ResultStatus.FAIL);
        assertThat(result.errorKind()).isNull();
        assertThat(result.findings()).extracting(Finding::targetId, Finding::state).contains(
                tuple("sshd-permit-root-login", State.NOT_SATISFIED),
                tuple("sshd-x11-forwarding", State.NOT_SATISFIED),
                tuple("sshd-max-auth-tries", State.NOT_SATISFIED),
                tuple("sshd-permit-empty-passwords", State.SATISFIED));
        assertThat(result.risks()).isNotEmpty();
        assertRanOnChicory(result, plugin);
    }

    @Test
    void sshdHardeningConfigurationChangesTheVerdict() throws Exception {
        PluginPackage plugin = plugin("sshd-hardening");

        AssessmentResult result = run(plugin, Map.of("skip", List.of("sshd-protocol"), "maxAuthTries", 10),
                RunOptions.DEFAULT.withHostDirectory("/etc/ssh", fixture("sshd-hardening", "fail")));

        assertThat(result.findings()).extracting(Finding::targetId).doesNotContain("sshd-protocol");
        assertThat(result.findings()).extracting(Finding::targetId, Finding::state)
                .contains(tuple("sshd-max-auth-tries", State.SATISFIED));
        assertThat(result.logs()).extracting(LogEntry::message).anySatisfy(m -> assertThat(m).contains("skipped"));
    }

    @Test
    void sshdHardeningRejectsAnInvalidConfigurationBeforeRunning() throws Exception {
        PluginPackage plugin = plugin("sshd-hardening");

        AssessmentResult result = run(plugin, Map.of("maxAuthTries", 0, "permitRootLogin", List.of("maybe")),
                RunOptions.DEFAULT.withHostDirectory("/etc/ssh", fixture("sshd-hardening", "pass")));

        assertThat(result.status()).isEqualTo(ResultStatus.ERROR);
        assertThat(result.errorKind()).isEqualTo(FailureKind.INVALID_CONFIGURATION);
        assertThat(result.reason()).contains("$.maxAuthTries").contains("$.permitRootLogin[0]");
        assertThat(result.provenance().engine()).isEmpty();
    }

    @Test
    void sshdHardeningIsNotApplicableOnAHostWithoutAnSshServer() throws Exception {
        PluginPackage plugin = plugin("sshd-hardening");

        AssessmentResult result = run(plugin, Map.of(),
                RunOptions.DEFAULT.withHostDirectory("/etc/ssh", fixture("sshd-hardening", "missing")));

        assertThat(result.status()).isEqualTo(ResultStatus.NOT_APPLICABLE);
        assertThat(result.errorKind()).isNull();
        assertThat(result.reason()).contains("/etc/ssh/sshd_config");
        assertThat(result.findings()).noneMatch(f -> f.state() == Finding.State.NOT_SATISFIED);
    }

    @Test
    void sshdHardeningReportsItsOwnErrorWhenTheConfigurationIsMissingAndRequired() throws Exception {
        PluginPackage plugin = plugin("sshd-hardening");

        AssessmentResult result = run(plugin, Map.of("ifMissing", "error"),
                RunOptions.DEFAULT.withHostDirectory("/etc/ssh", fixture("sshd-hardening", "missing")));

        assertThat(result.status()).isEqualTo(ResultStatus.ERROR);
        assertThat(result.errorKind()).isEqualTo(FailureKind.PLUGIN_REPORTED);
        assertThat(result.reason()).contains("cannot read /etc/ssh/sshd_config");
        // Its stderr became log entries.
        assertThat(result.logs()).extracting(LogEntry::message).anySatisfy(m -> assertThat(m).contains("cannot read"));
    }

    @Test
    void osBaselinePassesDebian12() throws Exception {
        PluginPackage plugin = plugin("os-baseline");

        AssessmentResult result = run(plugin, Map.of(), RunOptions.DEFAULT
                .withHostDirectory("/etc", fixture("os-baseline", "debian12/etc"))
                .withHostDirectory("/usr/lib", fixture("os-baseline", "debian12/usr/lib")));

        assertThat(result.status()).as("%s", result).isEqualTo(ResultStatus.PASS);
        assertThat(result.findings()).extracting(Finding::targetId, Finding::state).containsExactlyInAnyOrder(
                tuple("os-allowed-distribution", State.SATISFIED), tuple("os-minimum-version", State.SATISFIED));
        assertThat(result.subjects()).extracting(s -> s.identifier()).contains("debian-12");
        assertRanOnChicory(result, plugin);
    }

    @Test
    void osBaselineFailsUbuntu2004() throws Exception {
        PluginPackage plugin = plugin("os-baseline");

        AssessmentResult result = run(plugin, Map.of(), RunOptions.DEFAULT
                .withHostDirectory("/etc", fixture("os-baseline", "ubuntu2004/etc"))
                .withHostDirectory("/usr/lib", fixture("os-baseline", "ubuntu2004/usr/lib")));

        assertThat(result.status()).as("%s", result).isEqualTo(ResultStatus.FAIL);
        assertThat(result.findings()).extracting(Finding::targetId, Finding::state)
                .contains(tuple("os-minimum-version", State.NOT_SATISFIED));
        // The fixture's malformed line reaches the result as a log entry.
        assertThat(result.logs()).extracting(LogEntry::message)
                .anySatisfy(m -> assertThat(m).contains("not a KEY=value assignment"));
    }

    @Test
    void tlsCertExpiryPassesAndFailsItsFixtures() throws Exception {
        PluginPackage plugin = plugin("tls-cert-expiry");
        Map<String, Object> configuration = Map.of("paths", List.of("/etc/ssl"));

        AssessmentResult pass = run(plugin, configuration,
                RunOptions.DEFAULT.withHostDirectory("/etc/ssl", fixture("tls-cert-expiry", "pass")));
        AssessmentResult fail = run(plugin, configuration,
                RunOptions.DEFAULT.withHostDirectory("/etc/ssl", fixture("tls-cert-expiry", "fail")));

        assertThat(pass.status()).as("%s", pass).isEqualTo(ResultStatus.PASS);
        assertThat(pass.findings()).hasSize(4).extracting(Finding::state).containsOnly(State.SATISFIED);
        assertThat(fail.status()).as("%s", fail).isEqualTo(ResultStatus.FAIL);
        assertThat(fail.findings()).extracting(Finding::state).contains(State.NOT_SATISFIED);
    }

    @Test
    void sensitiveFilesPassesAndFailsItsFixtures() throws Exception {
        PluginPackage plugin = plugin("sensitive-files");

        AssessmentResult pass = run(plugin, Map.of(), grants("sensitive-files", "pass"));
        AssessmentResult fail = run(plugin, Map.of("scanPaths", List.of("/home", "/root", "/etc")),
                grants("sensitive-files", "fail"));

        assertThat(pass.status()).as("%s", pass).isEqualTo(ResultStatus.PASS);
        assertThat(fail.status()).as("%s", fail).isEqualTo(ResultStatus.FAIL);
        assertThat(fail.findings()).extracting(Finding::state).contains(State.NOT_SATISFIED);
    }

    @Test
    void operatorLimitsTightenTheManifestsAndAreEnforced() throws Exception {
        PluginPackage plugin = plugin("sshd-hardening");
        JobContext context = new JobContext(1, UUID.randomUUID(), "e2e", "limits", "sshd", "", "", "", Map.of(), null);

        // 64 KiB of memory: less than the module's own initial memory.
        AssessmentResult result = runner.run(plugin, PluginRef.parse("examples/sshd-hardening"), context,
                new ResourceLimits(null, 65536, 0, 0), RunOptions.DEFAULT.withEngine("chicory")
                        .withHostDirectory("/etc/ssh", fixture("sshd-hardening", "pass")));

        assertThat(result.status()).isEqualTo(ResultStatus.ERROR);
        assertThat(result.errorKind()).isEqualTo(FailureKind.MEMORY_LIMIT);
        assertThat(result.provenance().limits().maxMemoryBytes()).isEqualTo(65536);
        assertThat(result.provenance().limits().timeout()).isEqualTo(plugin.descriptor().limits().timeout());
    }

    private static RunOptions grants(String plugin, String fixture) {
        RunOptions options = RunOptions.DEFAULT;
        for (String guest : List.of("/etc", "/home", "/root")) {
            Path dir = EXAMPLES.resolve(plugin).resolve("test/fixtures").resolve(fixture).resolve(guest.substring(1));
            // A fixture without one of the directories stands for a host without it: an empty directory.
            options = options.withHostDirectory(guest, Files.isDirectory(dir) ? dir.toAbsolutePath().normalize().toString()
                    : emptyDirectory().toString());
        }
        return options;
    }

    private static Path emptyDirectory() {
        try {
            Path empty = Path.of("target/empty-fixture");
            Files.createDirectories(empty);
            return empty.toAbsolutePath();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
