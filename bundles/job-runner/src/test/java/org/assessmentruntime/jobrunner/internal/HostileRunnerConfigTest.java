package org.assessmentruntime.jobrunner.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.HealthState;
import org.assessmentruntime.api.PluginManager;
import org.assessmentruntime.api.PluginStore;
import org.assessmentruntime.api.ResultsCollector;
import org.assessmentruntime.api.model.Activity;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.DirectoryGrant;
import org.assessmentruntime.api.model.ExecutionOutcome;
import org.assessmentruntime.api.model.FailureKind;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.api.model.JobDefinition;
import org.assessmentruntime.api.model.PluginDescriptor;
import org.assessmentruntime.api.model.PluginGrants;
import org.assessmentruntime.api.model.PluginRef;
import org.assessmentruntime.api.model.ResourceLimits;
import org.assessmentruntime.api.model.ResultStatus;
import org.assessmentruntime.api.model.Task;
import org.assessmentruntime.jobrunner.FakeExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The job runner's own configuration and grant policy against what an attacker reached: a configuration
 * that lifts the ceilings out of reach (remote config raised them to 2^31), and a plugin that asks for
 * Karaf's etc or the directory holding the control plane's client secret although the operator allowed
 * the tree they are in. Also: a result the collector cannot take now is kept, not lost.
 */
class HostileRunnerConfigTest {

    static final byte[] MODULE = { 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00 };
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @TempDir
    Path host;

    final PluginManager plugins = mock(PluginManager.class);
    final PluginStore store = mock(PluginStore.class);
    final ResultsCollector results = mock(ResultsCollector.class);
    final List<AssessmentResult> stored = new ArrayList<>();
    FakeExecutor executor;
    Path etc;

    @BeforeEach
    void setUp() throws Exception {
        etc = Files.createDirectories(host.resolve("karaf/etc"));
        Files.createDirectories(host.resolve("karaf/data"));
        executor = new FakeExecutor(r -> new ExecutionOutcome(0, "{\"status\":\"PASS\",\"reason\":\"ok\"}".getBytes(
                StandardCharsets.UTF_8), false, null, false, Duration.ofMillis(1), "fake", null, ""));
        when(results.store(any())).thenAnswer(inv -> {
            stored.add(inv.getArgument(0));
            return null;
        });
    }

    @Test
    void ceilingsAboveTheirBoundsAreRejectedAndThePreviousOnesKept() throws Exception {
        JobRunnerService runner = runner(new Config(30, 64, ""));

        runner.modified(new Config(1L << 31, 1L << 31, ""));

        assertThat(runner.health().state()).isEqualTo(HealthState.DEGRADED);
        assertThat(runner.health().detail()).contains("maxTimeoutSeconds must be 1 to 3600, got 2147483648")
                .contains("maxMemoryMiB must be 1 to 4096, got 2147483648").contains("previous settings");
        installed(PluginGrants.NONE);
        runner.run(job(), "daily", "probe");
        assertThat(only(executor).limits().timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(only(executor).limits().maxMemoryBytes()).isEqualTo(64L << 20);

        runner.modified(new Config(60, 128, ""));
        assertThat(runner.health().state()).isEqualTo(HealthState.UP);
    }

    @Test
    void anInvalidFirstConfigurationRunsOnTheDefaultsAndSaysSo() throws Exception {
        Config huge = new Config(30, 64, "") {
            @Override
            public long maxStdoutKiB() {
                return Long.MAX_VALUE >> 10;
            }

            @Override
            public long maxStderrKiB() {
                return -1;
            }
        };

        JobRunnerService runner = runner(huge);

        assertThat(runner.health().detail()).contains("maxStdoutKiB must be 1 to 65536")
                .contains("maxStderrKiB must be 1 to 16384");
        installed(PluginGrants.NONE);
        runner.run(job(), "daily", "probe");
        assertThat(only(executor).limits().maxStdoutBytes()).isEqualTo(4096L << 10);
        assertThat(only(executor).limits().timeout()).isEqualTo(Duration.ofSeconds(300));
    }

    @Test
    void aPluginAskingForKarafsEtcIsRejectedThoughTheOperatorAllowsItsTree() throws Exception {
        JobRunnerService runner = runner(new Config(30, 64, host.toString()));
        installed(new PluginGrants(List.of(new DirectoryGrant(etc.toString(), "/etc")), List.of()));

        AssessmentResult result = runner.run(job(), "daily", "probe");

        assertThat(result.errorKind()).isEqualTo(FailureKind.PLUGIN_REJECTED);
        assertThat(result.reason()).contains("Karaf's etc directory");
        assertThat(stored).containsExactly(result);
        assertThat(executor.requests).isEmpty();
    }

    @Test
    void aPluginAskingForTheDirectoryOfTheConfiguredClientSecretIsRejected() throws Exception {
        Path secrets = Files.createDirectories(host.resolve("secrets"));
        Path secret = Files.writeString(secrets.resolve("client-secret"), "s3cr3t");
        ConfigurationAdmin admin = mock(ConfigurationAdmin.class);
        Configuration connection = mock(Configuration.class);
        Hashtable<String, Object> properties = new Hashtable<>(Map.of("clientSecretFile", secret.toString()));
        when(connection.getProperties()).thenReturn(properties);
        when(admin.listConfigurations(anyString())).thenReturn(new Configuration[] { connection });
        JobRunnerService runner = runner(new Config(30, 64, host.toString()));
        runner.bindConfigAdmin(admin);
        installed(new PluginGrants(List.of(new DirectoryGrant(secrets.toString(), "/s")), List.of()));

        AssessmentResult result = runner.run(job(), "daily", "probe");

        assertThat(result.errorKind()).isEqualTo(FailureKind.PLUGIN_REJECTED);
        assertThat(result.reason()).contains("contains a control-plane credential file (clientSecretFile) " + secret);
        assertThat(executor.requests).isEmpty();
    }

    @Test
    void anAllowedDirectoryIsGranted() throws Exception {
        Path app = Files.createDirectories(host.resolve("srv/app"));
        JobRunnerService runner = runner(new Config(30, 64, host.resolve("srv") + ", /nonexistent"));
        installed(new PluginGrants(List.of(new DirectoryGrant(app.toString(), "/app")), List.of()));

        AssessmentResult result = runner.run(job(), "daily", "probe");

        assertThat(result.status()).as("%s", result).isEqualTo(ResultStatus.PASS);
        assertThat(only(executor).directories()).containsExactly(new DirectoryGrant(app.toString(), "/app"));
        assertThat(runner.health().facts()).containsEntry("allowedDirectories", host.resolve("srv") + ",/nonexistent");
    }

    @Test
    void aResultTheCollectorCannotStoreNowIsKeptAndStoredAfterTheNextRun() throws Exception {
        JobRunnerService runner = runner(new Config(30, 64, ""));
        installed(PluginGrants.NONE);
        doThrow(new AssessmentException("the result store is being recovered")).doAnswer(inv -> {
            stored.add(inv.getArgument(0));
            return null;
        }).when(results).store(any());

        AssessmentResult first;
        try {
            runner.run(job(), "daily", "probe");
            throw new AssertionError("the call must say the result is not stored");
        } catch (AssessmentException e) {
            assertThat(e.getMessage()).contains("is not stored yet").contains("being recovered")
                    .contains("kept in memory");
        }
        assertThat(runner.health().facts()).containsEntry("unstoredResults", "1");
        assertThat(runner.health().state()).isEqualTo(HealthState.DEGRADED);

        AssessmentResult second = runner.run(job(), "daily", "probe");

        assertThat(stored).hasSize(2);
        first = stored.get(1);
        assertThat(stored.get(0)).isEqualTo(second);
        assertThat(first.resultId()).isNotEqualTo(second.resultId());
        assertThat(runner.health().facts()).containsEntry("unstoredResults", "0");
        assertThat(runner.health().state()).isEqualTo(HealthState.UP);
    }

    private static org.assessmentruntime.api.model.ExecutionRequest only(FakeExecutor executor) {
        assertThat(executor.requests).hasSize(1);
        return executor.requests.get(0);
    }

    private JobRunnerService runner(Config config) {
        Map<String, String> properties = Map.of("karaf.etc", etc.toString(), "karaf.data",
                host.resolve("karaf/data").toString(), "karaf.base", host.resolve("karaf").toString());
        JobRunnerService runner = new JobRunnerService("7d2c7a4e-0000-4000-8000-000000000001",
                Clock.fixed(NOW, ZoneOffset.UTC), config, name -> null, properties::get);
        runner.bind(executor, results, plugins, store);
        return runner;
    }

    private void installed(PluginGrants grants) throws AssessmentException {
        PluginDescriptor descriptor = new PluginDescriptor("evil/probe", "1.0.0", "hostile", 1, Map.of(), grants,
                new ResourceLimits(Duration.ofSeconds(3600), 1L << 31, 1L << 30, 1L << 30), "");
        Digest digest = Digest.sha256(MODULE);
        when(plugins.resolve(any())).thenReturn(Optional.of(new InstalledPlugin(descriptor, digest,
                InstalledPlugin.Source.LOCAL, InstalledPlugin.SignatureStatus.UNSIGNED, "", NOW)));
        when(store.module(digest)).thenReturn(MODULE.clone());
    }

    private static JobDefinition job() {
        Activity activity = new Activity("probe", "Probe", new PluginRef("evil/probe", ""), null, null);
        return new JobDefinition("evil", "Evil", "", "", "", List.of(new Task("daily", "Daily", null,
                List.of(activity))));
    }

    /** A configuration: the ceilings and the allowed directories given, the rest as shipped. */
    static class Config implements JobRunnerConfig {
        private final long timeout;
        private final long memory;
        private final String dirs;

        Config(long timeout, long memory, String dirs) {
            this.timeout = timeout;
            this.memory = memory;
            this.dirs = dirs;
        }

        @Override
        public Class<? extends Annotation> annotationType() {
            return JobRunnerConfig.class;
        }

        @Override
        public long maxTimeoutSeconds() {
            return timeout;
        }

        @Override
        public long maxMemoryMiB() {
            return memory;
        }

        @Override
        public long maxStdoutKiB() {
            return 1024;
        }

        @Override
        public long maxStderrKiB() {
            return 64;
        }

        @Override
        public long serviceWaitSeconds() {
            return 1;
        }

        @Override
        public String allowedDirectories() {
            return dirs;
        }

        @Override
        public String allowedEnv() {
            return "";
        }
    }
}
