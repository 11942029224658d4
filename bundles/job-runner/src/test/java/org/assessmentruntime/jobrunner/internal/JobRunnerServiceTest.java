package org.assessmentruntime.jobrunner.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.HealthState;
import org.assessmentruntime.api.NotFoundException;
import org.assessmentruntime.api.PluginManager;
import org.assessmentruntime.api.PluginStore;
import org.assessmentruntime.api.PluginVerificationException;
import org.assessmentruntime.api.ResultsCollector;
import org.assessmentruntime.api.WasmExecutor;
import org.assessmentruntime.api.model.Activity;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.ExecutionOutcome;
import org.assessmentruntime.api.model.ExecutionRequest;
import org.assessmentruntime.api.model.FailureKind;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.api.model.JobDefinition;
import org.assessmentruntime.api.model.PluginDescriptor;
import org.assessmentruntime.api.model.PluginGrants;
import org.assessmentruntime.api.model.PluginRef;
import org.assessmentruntime.api.model.ResourceLimits;
import org.assessmentruntime.api.model.ResultStatus;
import org.assessmentruntime.api.model.Task;
import org.assessmentruntime.api.runs.FinishedRun;
import org.assessmentruntime.jobrunner.FakeExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JobRunnerServiceTest {

    private static final byte[] MODULE = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
    private static final Digest DIGEST = Digest.sha256(MODULE);
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final String PASS_OUTPUT = "{\"status\":\"PASS\",\"reason\":\"all good\"}";

    private List<ExecutionRequest> requests;
    private final List<AssessmentResult> stored = new ArrayList<>();
    private final PluginManager plugins = mock(PluginManager.class);
    private final PluginStore store = mock(PluginStore.class);
    private final ResultsCollector results = mock(ResultsCollector.class);
    private JobRunnerService runner;
    private ExecutionOutcome answer = new ExecutionOutcome(0, PASS_OUTPUT.getBytes(StandardCharsets.UTF_8), false,
            null, false, Duration.ofMillis(3), "chicory", null, "");

    @BeforeEach
    void setUp() throws AssessmentException {
        runner = new JobRunnerService("7d2c7a4e-0000-4000-8000-000000000001", Clock.fixed(NOW, ZoneOffset.UTC),
                config(30, 64));
        runner.bind(executor(), results, plugins, store);
        when(results.store(any())).thenAnswer(inv -> {
            stored.add(inv.getArgument(0));
            return null;
        });
    }

    @Test
    void runsTheResolvedPluginWithTheOperatorsCapsAndStoresTheResult() throws AssessmentException {
        installed("examples/os-baseline", "1.0.0");

        AssessmentResult result = runner.run(job("examples/os-baseline", "~> 1.0"), "daily", "os");

        assertThat(result.status()).isEqualTo(ResultStatus.PASS);
        assertThat(stored).containsExactly(result);
        assertThat(result.jobId()).isEqualTo("host-os");
        assertThat(result.provenance().runtimeId()).isEqualTo("7d2c7a4e-0000-4000-8000-000000000001");
        assertThat(result.provenance().digest()).isEqualTo(DIGEST);
        ExecutionRequest request = requests.get(0);
        // The plugin asked for 60 s and 256 MiB; the operator capped runs at 30 s and 64 MiB.
        assertThat(request.limits().timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(request.limits().maxMemoryBytes()).isEqualTo(64L << 20);
        assertThat(new String(request.stdin(), StandardCharsets.UTF_8)).contains("\"jobId\":\"host-os\"");
    }

    @Test
    void noPluginSatisfyingTheReferenceIsAnErrorResultThatIsStoredToo() throws AssessmentException {
        when(plugins.resolve(any())).thenReturn(Optional.empty());

        AssessmentResult result = runner.run(job("examples/missing", "~> 2.0"), "daily", "os");

        assertThat(result.status()).isEqualTo(ResultStatus.ERROR);
        assertThat(result.errorKind()).isEqualTo(FailureKind.PLUGIN_UNAVAILABLE);
        assertThat(result.reason()).contains("examples/missing");
        assertThat(result.provenance().plugin()).isNull();
        assertThat(stored).containsExactly(result);
        assertThat(requests).isEmpty();
    }

    @Test
    void aStoredPluginThatNoLongerVerifiesIsRejectedNotRun() throws AssessmentException {
        installed("examples/os-baseline", "1.0.0");
        when(store.module(DIGEST)).thenThrow(new PluginVerificationException("examples/os-baseline@1.0.0: bytes "
                + "on disk do not match " + DIGEST));

        AssessmentResult result = runner.run(job("examples/os-baseline", ""), "daily", "os");

        assertThat(result.errorKind()).isEqualTo(FailureKind.PLUGIN_REJECTED);
        assertThat(result.reason()).contains("do not match");
        assertThat(requests).isEmpty();
        assertThat(stored).containsExactly(result);
    }

    @Test
    void aPluginIsReadFromTheStoreAndVerifiedOnceNotOnEveryRun() throws AssessmentException {
        installed("examples/os-baseline", "1.0.0");

        for (int i = 0; i < 3; i++) {
            runner.run(job("examples/os-baseline", ""), "daily", "os");
        }

        verify(store, times(1)).module(DIGEST);
        assertThat(requests).hasSize(3).extracting(ExecutionRequest::moduleDigest).containsOnly(DIGEST);
    }

    @Test
    void aPluginFailureIsAResultNotAnException() throws AssessmentException {
        installed("examples/os-baseline", "1.0.0");
        answer = new ExecutionOutcome(ExecutionOutcome.NO_EXIT_CODE, null, false, null, false, Duration.ofSeconds(30),
                "chicory", FailureKind.TIMEOUT, "stopped after 30 s");

        AssessmentResult result = runner.run(job("examples/os-baseline", ""), "daily", "os");

        assertThat(result.errorKind()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(stored).containsExactly(result);
    }

    @Test
    void anUpgradeTakesEffectAtTheNextRunWithoutSkippingOne() throws AssessmentException {
        installed("examples/os-baseline", "1.0.0");
        AssessmentResult before = runner.run(job("examples/os-baseline", "~> 1.0"), "daily", "os");

        // The plugin manager now resolves the reference to an upgraded version (new bytes, new digest).
        byte[] upgraded = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x00, 0x01, 0x02};
        Digest upgradedDigest = Digest.sha256(upgraded);
        PluginDescriptor next = new PluginDescriptor("examples/os-baseline", "1.1.0", "test plugin", 1, Map.of(),
                PluginGrants.NONE, new ResourceLimits(Duration.ofSeconds(60), 256L << 20, 1L << 20, 64L << 10), "");
        when(plugins.resolve(any())).thenReturn(Optional.of(new InstalledPlugin(next, upgradedDigest,
                InstalledPlugin.Source.REGISTRY, InstalledPlugin.SignatureStatus.VERIFIED, "k1", NOW)));
        when(store.module(upgradedDigest)).thenReturn(upgraded.clone());
        AssessmentResult after = runner.run(job("examples/os-baseline", "~> 1.0"), "daily", "os");

        assertThat(before.provenance().plugin().version()).isEqualTo("1.0.0");
        assertThat(after.provenance().plugin().version()).isEqualTo("1.1.0");
        assertThat(requests).extracting(ExecutionRequest::moduleDigest).containsExactly(DIGEST, upgradedDigest);
        assertThat(stored).containsExactly(before, after);
    }

    @Test
    void anUnknownTaskOrActivityIsNamed() {
        JobDefinition job = job("examples/os-baseline", "");

        assertThatThrownBy(() -> runner.run(job, "weekly", "os")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("weekly");
        assertThatThrownBy(() -> runner.run(job, "daily", "ssh")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("ssh");
    }

    @Test
    void aResultThatCannotBeStoredFailsTheCallLoudly() throws AssessmentException {
        installed("examples/os-baseline", "1.0.0");
        when(results.store(any())).thenThrow(new AssessmentException("disk full"));

        assertThatThrownBy(() -> runner.run(job("examples/os-baseline", ""), "daily", "os"))
                .hasMessageContaining("disk full");
    }

    @Test
    void everyObserverHearsOfEachRunAndOneThatThrowsBreaksNothing() throws AssessmentException {
        installed("examples/os-baseline", "1.0.0");
        List<FinishedRun> heard = new CopyOnWriteArrayList<>();
        runner.bindObserver(run -> {
            throw new IllegalStateException("broken observer");
        });
        runner.bindObserver(heard::add);

        AssessmentResult result = runner.run(job("examples/os-baseline", "~> 1.0"), "daily", "os");

        assertThat(stored).containsExactly(result);
        assertThat(heard).singleElement().satisfies(run -> {
            assertThat(run.jobId()).isEqualTo("host-os");
            assertThat(run.taskId()).isEqualTo("daily");
            assertThat(run.activityId()).isEqualTo("os");
            assertThat(run.plugin()).isEqualTo("examples/os-baseline");
            assertThat(run.outcome()).isEqualTo(ResultStatus.PASS);
            assertThat(run.resultId()).isEqualTo(result.resultId());
            assertThat(run.stored()).isTrue();
            assertThat(run.duration().isNegative()).isFalse();
        });
    }

    @Test
    void observersHearOfARunWhoseResultCouldNotBeStoredAndAnUnboundOneHearsNothing() throws AssessmentException {
        installed("examples/os-baseline", "1.0.0");
        List<FinishedRun> heard = new CopyOnWriteArrayList<>();
        List<FinishedRun> gone = new CopyOnWriteArrayList<>();
        org.assessmentruntime.api.runs.RunObserver leaving = gone::add;
        runner.bindObserver(heard::add);
        runner.bindObserver(leaving);
        runner.unbindObserver(leaving);
        when(results.store(any())).thenThrow(new AssessmentException("disk full"));

        assertThatThrownBy(() -> runner.run(job("examples/os-baseline", ""), "daily", "os"))
                .hasMessageContaining("disk full");
        assertThat(heard).singleElement().satisfies(run -> assertThat(run.stored()).isFalse());
        assertThat(gone).isEmpty();
    }

    @Test
    void aResultWaitsForTheCollectorWhileItIsReplacedAndIsStoredWithTheNewOne() throws Exception {
        installed("examples/os-baseline", "1.0.0");
        runner.unbindResults(results);
        assertThat(runner.health().state()).isEqualTo(HealthState.DEGRADED);
        assertThat(runner.health().facts().get("missingServices")).isEqualTo("results collector");

        CompletableFuture<AssessmentResult> run = CompletableFuture.supplyAsync(() -> runQuietly());
        ResultsCollector next = mock(ResultsCollector.class);
        List<AssessmentResult> storedByNext = new CopyOnWriteArrayList<>();
        when(next.store(any())).thenAnswer(inv -> {
            storedByNext.add(inv.getArgument(0));
            return null;
        });
        runner.bindResults(next);

        AssessmentResult result = run.get(10, TimeUnit.SECONDS);
        assertThat(storedByNext).extracting(AssessmentResult::resultId).containsExactly(result.resultId());
        assertThat(stored).isEmpty();
        assertThat(runner.health().state()).isEqualTo(HealthState.UP);
    }

    @Test
    void aCollectorThatLeavesWhileStoringIsRetriedWithTheNextOneAndTheResultIsStoredOnce() throws Exception {
        installed("examples/os-baseline", "1.0.0");
        ResultsCollector next = mock(ResultsCollector.class);
        List<AssessmentResult> storedByNext = new ArrayList<>();
        when(next.store(any())).thenAnswer(inv -> {
            storedByNext.add(inv.getArgument(0));
            return null;
        });
        // The old collector is unregistered (DS unbinds it, greedy binds the new one) while it stores.
        when(results.store(any())).thenAnswer(inv -> {
            runner.bindResults(next);
            runner.unbindResults(results);
            throw new AssessmentException("the result store is closed");
        });

        AssessmentResult result = runner.run(job("examples/os-baseline", ""), "daily", "os");

        assertThat(storedByNext).extracting(AssessmentResult::resultId).containsExactly(result.resultId());
    }

    @Test
    void withNoCollectorWithinTheWaitTheResultIsKeptAndTheCallFailsLoudly() {
        runner = new JobRunnerService("7d2c7a4e-0000-4000-8000-000000000001", Clock.fixed(NOW, ZoneOffset.UTC),
                config(30, 64, 0));
        runner.bind(executor(), results, plugins, store);
        runner.unbindResults(results);

        assertThatThrownBy(() -> runner.run(job("examples/os-baseline", ""), "daily", "os"))
                .isInstanceOf(AssessmentException.class).hasMessageContaining("not stored yet")
                .hasMessageContaining("no results collector came within 0 s").hasMessageContaining("kept");
        assertThat(runner.health().facts()).containsEntry("unstoredResults", "1");
    }

    @Test
    void withNoExecutorWithinTheWaitTheRunIsAnInternalErrorResultThatIsStored() throws AssessmentException {
        runner = new JobRunnerService("7d2c7a4e-0000-4000-8000-000000000001", Clock.fixed(NOW, ZoneOffset.UTC),
                config(30, 64, 0));
        WasmExecutor executor = executor();
        runner.bind(executor, results, plugins, store);
        runner.unbindExecutor(executor);
        installed("examples/os-baseline", "1.0.0");

        AssessmentResult result = runner.run(job("examples/os-baseline", ""), "daily", "os");

        assertThat(result.status()).isEqualTo(ResultStatus.ERROR);
        assertThat(result.errorKind()).isEqualTo(FailureKind.INTERNAL);
        assertThat(result.reason()).contains("no WebAssembly executor came within 0 s");
        assertThat(stored).containsExactly(result);
    }

    @Test
    void aRunWhoseExecutorIsReplacedUnderItRunsAgainOnTheNewOne() throws AssessmentException {
        installed("examples/os-baseline", "1.0.0");
        FakeExecutor next = new FakeExecutor(request -> answer);
        WasmExecutor leaving = new FakeExecutor(request -> {
            runner.bindExecutor(next);
            return new ExecutionOutcome(-1, new byte[0], false, new byte[0], false, Duration.ZERO, "chicory",
                    FailureKind.ENGINE_UNAVAILABLE, "engine 'chicory' is not available");
        });
        runner.bindExecutor(leaving);

        AssessmentResult result = runner.run(job("examples/os-baseline", ""), "daily", "os");

        assertThat(result.status()).isEqualTo(ResultStatus.PASS);
        assertThat(next.requests).hasSize(1);
        assertThat(stored).containsExactly(result);
    }

    @Test
    void aStoppingRunnerFinishesItsRunsTakesNoNewOnesAndKeepsItsServicesForThem() throws Exception {
        installed("examples/os-baseline", "1.0.0");
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        runner.bindExecutor(new FakeExecutor(request -> {
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return answer;
        }));
        CompletableFuture<AssessmentResult> inProgress = CompletableFuture.supplyAsync(() -> runQuietly());
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(runner::deactivate);
        // Wait for the stop to begin before probing: a probe run before it would start (and block) for real.
        Await.until(runner::stopping, "the runner is stopping");
        assertThat(isStopping()).as("the runner refuses new runs").isTrue();
        assertThat(stopping).as("deactivate waits for the run in progress").isNotDone();
        // DS unbinds after deactivate; a run past the grace period would still find its collector.
        release.countDown();

        AssessmentResult result = inProgress.get(10, TimeUnit.SECONDS);
        stopping.get(10, TimeUnit.SECONDS);
        runner.unbindResults(results);
        assertThat(stored).containsExactly(result);
        assertThatThrownBy(() -> runner.run(job("examples/os-baseline", ""), "daily", "os"))
                .isInstanceOf(AssessmentException.class).hasMessageContaining("stopping")
                .hasMessageContaining("nothing was stored");
    }

    @Test
    void aRunWaitingForAnAbsentCollectorGivesUpWhenTheRunnerStopsSoTheStopIsNotHeldUp() throws Exception {
        installed("examples/os-baseline", "1.0.0");
        runner.unbindResults(results);
        CompletableFuture<AssessmentResult> waiting = CompletableFuture.supplyAsync(() -> runQuietly());
        // The run has started (it is executed before it waits for a collector to store its result): a stop
        // that began before it would refuse it instead.
        Await.until(() -> !requests.isEmpty() && !waiting.isDone(), "a waiting run");
        assertThat(runner.health().state()).isEqualTo(HealthState.DEGRADED);

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(runner::deactivate);

        stopping.get(5, TimeUnit.SECONDS);
        assertThat(waiting).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
                .withMessageContaining("not stored yet");
    }

    private boolean isStopping() {
        try {
            runner.run(job("examples/os-baseline", ""), "daily", "os");
            throw new AssertionError("a run started on a stopping runner");
        } catch (AssessmentException e) {
            return e.getMessage().contains("stopping");
        }
    }

    private AssessmentResult runQuietly() {
        try {
            return runner.run(job("examples/os-baseline", ""), "daily", "os");
        } catch (AssessmentException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void healthCountsRunsByStatus() throws AssessmentException {
        installed("examples/os-baseline", "1.0.0");
        runner.run(job("examples/os-baseline", ""), "daily", "os");
        when(plugins.resolve(any())).thenReturn(Optional.empty());
        runner.run(job("examples/os-baseline", ""), "daily", "os");

        assertThat(runner.health().facts()).containsEntry("pass", "1").containsEntry("error", "1");
        assertThat(runner.health().detail()).contains("2 runs");
    }

    private void installed(String name, String version) throws AssessmentException {
        PluginDescriptor descriptor = new PluginDescriptor(name, version, "test plugin", 1, Map.of(), PluginGrants.NONE,
                new ResourceLimits(Duration.ofSeconds(60), 256L << 20, 1L << 20, 64L << 10), "");
        when(plugins.resolve(any())).thenReturn(Optional.of(new InstalledPlugin(descriptor, DIGEST,
                InstalledPlugin.Source.LOCAL, InstalledPlugin.SignatureStatus.UNSIGNED, "", NOW)));
        when(store.module(DIGEST)).thenReturn(MODULE.clone());
    }

    private static JobDefinition job(String plugin, String constraint) {
        Activity activity = new Activity("os", "OS baseline", new PluginRef(plugin, constraint), null, null);
        return new JobDefinition("host-os", "Host OS baseline", "", "", "", List.of(new Task("daily", "Daily", null,
                List.of(activity))));
    }

    private WasmExecutor executor() {
        FakeExecutor fake = new FakeExecutor(request -> answer);
        requests = fake.requests;
        return fake;
    }

    private static JobRunnerConfig config(long timeoutSeconds, long memoryMiB) {
        return config(timeoutSeconds, memoryMiB, 10);
    }

    private static JobRunnerConfig config(long timeoutSeconds, long memoryMiB, long waitSeconds) {
        return new JobRunnerConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return JobRunnerConfig.class;
            }

            @Override
            public long maxTimeoutSeconds() {
                return timeoutSeconds;
            }

            @Override
            public long maxMemoryMiB() {
                return memoryMiB;
            }

            @Override
            public long maxStdoutKiB() {
                return 4096;
            }

            @Override
            public long maxStderrKiB() {
                return 1024;
            }

            @Override
            public long serviceWaitSeconds() {
                return waitSeconds;
            }

            @Override
            public String allowedDirectories() {
                return "";
            }

            @Override
            public String allowedEnv() {
                return "";
            }
        };
    }

    /** Polls a condition with a deadline. */
    private static final class Await {
        static void until(BooleanSupplier condition, String what) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("not within 10 s: " + what);
                }
                Thread.sleep(10);
            }
        }
    }
}
