package org.assessmentruntime.wasmexecutor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.HealthState;
import org.assessmentruntime.api.NotFoundException;
import org.assessmentruntime.api.PluginVerificationException;
import org.assessmentruntime.api.WasmEngine.HostLimits;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.ExecutionOutcome;
import org.assessmentruntime.api.model.ExecutionRequest;
import org.assessmentruntime.api.model.FailureKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WasmExecutorServiceTest {

    private static final byte[] MODULE = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
    private static final Digest DIGEST = Digest.sha256(MODULE);

    private final FakeEngine chicory = new FakeEngine("chicory");
    private final FakeEngine wasmtime = new FakeEngine("wasmtime");
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private WasmExecutorService executor = executor("chicory", 4);

    @AfterEach
    void tearDown() {
        threads.shutdownNow();
    }

    @Test
    void runsOnTheDefaultEngineAndCompilesOncePerModule() {
        executor.bindEngine(chicory);

        for (int i = 0; i < 3; i++) {
            ExecutionOutcome outcome = executor.execute(request("run " + i, ""));
            assertThat(outcome.succeeded()).isTrue();
            assertThat(new String(outcome.stdout(), StandardCharsets.UTF_8)).isEqualTo("run " + i);
            assertThat(outcome.engine()).isEqualTo("chicory");
        }
        assertThat(chicory.prepares).hasValue(1);
    }

    @Test
    void theRequestChoosesTheEngine() {
        executor.bindEngine(chicory);
        executor.bindEngine(wasmtime);

        assertThat(executor.execute(request("x", "wasmtime")).engine()).isEqualTo("wasmtime");
        assertThat(wasmtime.prepares).hasValue(1);
        assertThat(chicory.prepares).hasValue(0);
    }

    @Test
    void aMissingEngineIsATypedFailureNotAnException() {
        executor.bindEngine(chicory);

        ExecutionOutcome outcome = executor.execute(request("x", "wasmtime"));

        assertThat(outcome.failure()).isEqualTo(FailureKind.ENGINE_UNAVAILABLE);
        assertThat(outcome.message()).contains("wasmtime").contains("chicory");
    }

    @Test
    void bytesThatDoNotMatchTheDigestAreRefusedBeforeCompiling() {
        executor.bindEngine(chicory);
        ExecutionRequest tampered = new ExecutionRequest(DIGEST, new byte[] {1, 2, 3}, null, List.of(), null, null,
                null, "");

        ExecutionOutcome outcome = executor.execute(tampered);

        assertThat(outcome.failure()).isEqualTo(FailureKind.INVALID_MODULE);
        assertThat(outcome.message()).contains("do not match").contains(DIGEST.toString());
        assertThat(chicory.prepares).hasValue(0);
    }

    @Test
    void aModuleTheEngineRejectsIsInvalidAndTheRejectionIsNotCached() {
        executor.bindEngine(chicory);
        chicory.rejectModules = true;

        ExecutionOutcome outcome = executor.execute(request("x", ""));
        assertThat(outcome.failure()).isEqualTo(FailureKind.INVALID_MODULE);
        assertThat(outcome.message()).contains("bad magic");

        chicory.rejectModules = false;
        assertThat(executor.execute(request("x", "")).succeeded()).isTrue();
        assertThat(chicory.prepares).hasValue(2);
    }

    @Test
    void concurrentFirstRunsShareOneCompilation() throws Exception {
        executor.bindEngine(chicory);
        chicory.prepareDelay = Duration.ofMillis(200);

        List<Future<ExecutionOutcome>> runs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String input = "in" + i;
            runs.add(threads.submit(() -> executor.execute(request(input, ""))));
        }
        for (int i = 0; i < 8; i++) {
            assertThat(new String(runs.get(i).get(10, TimeUnit.SECONDS).stdout(), StandardCharsets.UTF_8))
                    .isEqualTo("in" + i);
        }
        assertThat(chicory.prepares).hasValue(1);
    }

    @Test
    void runsBeyondTheConfiguredConcurrencyWait() throws Exception {
        executor = executor("chicory", 2);
        executor.bindEngine(chicory);
        executor.prepare(DIGEST, MODULE, "");
        CountDownLatch gate = new CountDownLatch(1);
        chicory.runGate = gate;

        List<Future<ExecutionOutcome>> runs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            runs.add(threads.submit(() -> executor.execute(request("x", ""))));
        }
        waitUntil(() -> chicory.running.get() == 2);
        Thread.sleep(100); // give a third run the chance to slip through, if the limit were broken
        assertThat(chicory.running).hasValue(2);
        gate.countDown();
        for (Future<ExecutionOutcome> run : runs) {
            assertThat(run.get(10, TimeUnit.SECONDS).succeeded()).isTrue();
        }
        assertThat(chicory.maxRunning).hasValue(2);
    }

    @Test
    void evictionWaitsForTheRunInProgressThenClosesTheModule() throws Exception {
        executor.bindEngine(chicory);
        CountDownLatch gate = new CountDownLatch(1);
        chicory.runGate = gate;
        Future<ExecutionOutcome> inFlight = threads.submit(() -> executor.execute(request("x", "")));
        waitUntil(() -> chicory.running.get() == 1);

        executor.evict(DIGEST);
        FakeEngine.Module module = chicory.modules.get(0);
        assertThat(module.closed).as("closed while a run still uses it").isFalse();

        gate.countDown();
        assertThat(inFlight.get(10, TimeUnit.SECONDS).succeeded()).isTrue();
        assertThat(module.closed).isTrue();

        chicory.runGate = null;
        assertThat(executor.execute(request("again", "")).succeeded()).isTrue();
        assertThat(chicory.prepares).hasValue(2);
    }

    @Test
    void keepsAtMostTheConfiguredModulesDroppingTheOneRunLeastRecently() {
        executor = new WasmExecutorService(config("chicory", 4, 2));
        executor.bindEngine(chicory);

        run(1);
        run(2);
        run(1);
        run(3);

        // 2 was run least recently: dropped (closed), 1 and 3 kept.
        assertThat(moduleOf(2).closed).isTrue();
        assertThat(moduleOf(1).closed).isFalse();
        assertThat(moduleOf(3).closed).isFalse();
        assertThat(executor.health().facts()).containsEntry("compiledModules", "2")
                .containsEntry("maxCompiledModules", "2");
        assertThat(chicory.prepares).hasValue(3);
        run(2);
        assertThat(chicory.prepares).as("compiled again at its next run").hasValue(4);
        assertThat(moduleOf(1).closed).isTrue();
    }

    @Test
    void aLowerLimitDropsModulesAtOnceButNotUnderARunInProgress() throws Exception {
        executor.bindEngine(chicory);
        run(1);
        CountDownLatch gate = new CountDownLatch(1);
        chicory.runGate = gate;
        Future<ExecutionOutcome> inFlight = threads.submit(() -> run(2));
        waitUntil(() -> chicory.running.get() == 1);
        chicory.runGate = null;
        run(3);

        executor.modified(config("chicory", 4, 1));

        assertThat(executor.health().facts()).containsEntry("compiledModules", "1");
        assertThat(moduleOf(1).closed).isTrue();
        assertThat(moduleOf(2).closed).as("closed while a run still uses it").isFalse();
        assertThat(moduleOf(3).closed).isFalse();
        gate.countDown();
        assertThat(inFlight.get(10, TimeUnit.SECONDS).succeeded()).isTrue();
        assertThat(moduleOf(2).closed).isTrue();
        executor.modified(config("chicory", 4, 0));
        assertThat(executor.health().detail()).contains("maxCompiledModules must be at least 1, got 0");
        assertThat(executor.health().facts()).containsEntry("maxCompiledModules", "1");
    }

    /** Runs module number {@code n} (its own bytes, so its own digest). */
    private ExecutionOutcome run(int n) {
        byte[] module = moduleBytes(n);
        ExecutionOutcome outcome = executor.execute(new ExecutionRequest(Digest.sha256(module), module,
                new byte[0], List.of("plugin"), null, null, null, ""));
        assertThat(outcome.succeeded()).isTrue();
        return outcome;
    }

    private FakeEngine.Module moduleOf(int n) {
        Digest digest = Digest.sha256(moduleBytes(n));
        // The latest compilation of it.
        FakeEngine.Module found = null;
        for (FakeEngine.Module module : chicory.modules) {
            if (module.digest.equals(digest)) {
                found = module;
            }
        }
        assertThat(found).as("module %d was compiled", n).isNotNull();
        return found;
    }

    private static byte[] moduleBytes(int n) {
        byte[] module = java.util.Arrays.copyOf(MODULE, MODULE.length + 1);
        module[MODULE.length] = (byte) n;
        return module;
    }

    @Test
    void anEngineThatLeavesTakesItsModulesWithIt() {
        executor.bindEngine(chicory);
        executor.execute(request("x", ""));

        executor.unbindEngine(chicory);

        assertThat(chicory.modules.get(0).closed).isTrue();
        assertThat(executor.engines()).isEmpty();
        assertThat(executor.execute(request("x", "")).failure()).isEqualTo(FailureKind.ENGINE_UNAVAILABLE);
    }

    @Test
    void prepareChecksTheDigestAndTheEngine() throws AssessmentException {
        executor.bindEngine(chicory);

        assertThatThrownBy(() -> executor.prepare(DIGEST, new byte[] {9}, ""))
                .isInstanceOf(PluginVerificationException.class);
        assertThatThrownBy(() -> executor.prepare(DIGEST, MODULE, "wasmtime"))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("wasmtime");

        executor.prepare(DIGEST, MODULE, "");
        executor.prepare(DIGEST, MODULE, "chicory");
        assertThat(chicory.prepares).hasValue(1);
    }

    @Test
    void healthNamesTheEnginesAndAMissingDefault() {
        assertThat(executor.health().state()).isEqualTo(HealthState.DOWN);

        executor.bindEngine(wasmtime);
        assertThat(executor.health().state()).isEqualTo(HealthState.DEGRADED);
        assertThat(executor.health().detail()).contains("chicory");
        assertThat(executor.defaultEngine()).isEmpty();

        executor.bindEngine(chicory);
        assertThat(executor.health().state()).isEqualTo(HealthState.UP);
        assertThat(executor.health().facts()).containsEntry("engines", "chicory,wasmtime");
        assertThat(executor.defaultEngine()).isEqualTo("chicory");
    }

    @Test
    void reconfigurationChangesTheDefaultEngineLive() {
        executor.bindEngine(chicory);
        executor.bindEngine(wasmtime);

        executor.modified(config("WasmTime", 4));

        assertThat(executor.execute(request("x", "")).engine()).isEqualTo("wasmtime");
    }

    @Test
    void anInvalidFirstConfigurationRunsOnTheDefaultsAndSaysWhy() {
        executor = executor("chicory", 0);
        executor.bindEngine(chicory);

        assertThat(executor.health().state()).isEqualTo(HealthState.DEGRADED);
        assertThat(executor.health().facts().get("configProblem"))
                .contains("maxConcurrentRuns must be at least 1, got 0");
        assertThat(executor.execute(request("x", "")).succeeded()).isTrue();
        assertThatThrownBy(() -> WasmExecutorService.standalone("chicory", 0)).hasMessageContaining("maxConcurrentRuns");
    }

    @Test
    void aRejectedLiveConfigurationKeepsTheLastGoodOneAndIsReportedUntilAValidOneArrives() throws Exception {
        executor = executor("chicory", 1);
        executor.bindEngine(chicory);
        executor.bindEngine(wasmtime);

        executor.modified(config("wasmtime", 0, 0, 0));

        assertThat(executor.health().state()).isEqualTo(HealthState.DEGRADED);
        assertThat(executor.health().detail()).contains("maxConcurrentRuns must be at least 1, got 0")
                .contains("maxCompiledModules must be at least 1, got 0").contains("maxOpenFiles");
        assertThat(executor.health().facts()).containsEntry("defaultEngine", "chicory")
                .containsEntry("maxCompiledModules", Integer.toString(ModuleCache.DEFAULT_LIMIT));
        // Still one run at a time: the rejected configuration did not touch the run slots.
        CountDownLatch gate = new CountDownLatch(1);
        chicory.runGate = gate;
        Future<ExecutionOutcome> first = threads.submit(() -> executor.execute(request("a", "")));
        waitUntil(() -> chicory.running.get() == 1);
        Future<ExecutionOutcome> second = threads.submit(() -> executor.execute(request("b", "")));
        Thread.sleep(100);
        assertThat(chicory.running.get()).isEqualTo(1);
        gate.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).succeeded()).isTrue();
        assertThat(second.get(10, TimeUnit.SECONDS).succeeded()).isTrue();

        executor.modified(config("chicory", 2));
        assertThat(executor.health().state()).isEqualTo(HealthState.UP);
        assertThat(executor.health().facts()).containsEntry("configProblem", "");
    }

    @Test
    void everyRunGetsTheConfiguredMaximumOfOpenFilesLive() {
        executor = new WasmExecutorService(config("chicory", 1, ModuleCache.DEFAULT_LIMIT, 7));
        executor.bindEngine(chicory);

        executor.execute(request("a", ""));
        assertThat(chicory.hostLimits).isEqualTo(new HostLimits(7));

        executor.modified(config("chicory", 1, ModuleCache.DEFAULT_LIMIT, 64));
        executor.execute(request("b", ""));
        assertThat(chicory.hostLimits).isEqualTo(new HostLimits(64));
        assertThat(executor.health().facts()).containsEntry("maxOpenFiles", "64");
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, -1, HostLimits.MAX_OPEN_FILES_CEILING + 1, Integer.MAX_VALUE })
    void aMaximumOfOpenFilesOutOfBoundsIsRefusedAndTheLastGoodOneStays(int maxOpenFiles) {
        executor = new WasmExecutorService(config("chicory", 1, ModuleCache.DEFAULT_LIMIT, 32));
        executor.bindEngine(chicory);

        executor.modified(config("chicory", 1, ModuleCache.DEFAULT_LIMIT, maxOpenFiles));

        assertThat(executor.health().state()).isEqualTo(HealthState.DEGRADED);
        assertThat(executor.health().facts().get("configProblem")).contains("maxOpenFiles must be between 1 and "
                + HostLimits.MAX_OPEN_FILES_CEILING + ", got " + maxOpenFiles);
        executor.execute(request("a", ""));
        assertThat(chicory.hostLimits).isEqualTo(new HostLimits(32));
    }

    private static ExecutionRequest request(String stdin, String engine) {
        return new ExecutionRequest(DIGEST, MODULE, stdin.getBytes(StandardCharsets.UTF_8), List.of("plugin"), null,
                null, null, engine);
    }

    private static WasmExecutorService executor(String defaultEngine, int maxConcurrentRuns) {
        return new WasmExecutorService(config(defaultEngine, maxConcurrentRuns));
    }

    private static ExecutorConfig config(String defaultEngine, int maxConcurrentRuns) {
        return config(defaultEngine, maxConcurrentRuns, ModuleCache.DEFAULT_LIMIT);
    }

    private static ExecutorConfig config(String defaultEngine, int maxConcurrentRuns, int maxCompiledModules) {
        return config(defaultEngine, maxConcurrentRuns, maxCompiledModules, HostLimits.DEFAULT_MAX_OPEN_FILES);
    }

    private static ExecutorConfig config(String defaultEngine, int maxConcurrentRuns, int maxCompiledModules,
            int maxOpenFiles) {
        return new ExecutorConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return ExecutorConfig.class;
            }

            @Override
            public String defaultEngine() {
                return defaultEngine;
            }

            @Override
            public int maxConcurrentRuns() {
                return maxConcurrentRuns;
            }

            @Override
            public int maxCompiledModules() {
                return maxCompiledModules;
            }

            @Override
            public int maxOpenFiles() {
                return maxOpenFiles;
            }
        };
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(5);
        }
    }
}
