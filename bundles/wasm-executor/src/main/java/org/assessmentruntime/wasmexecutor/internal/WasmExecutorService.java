package org.assessmentruntime.wasmexecutor.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.ComponentId;
import org.assessmentruntime.api.HealthIndicator;
import org.assessmentruntime.api.HealthState;
import org.assessmentruntime.api.NotFoundException;
import org.assessmentruntime.api.PluginVerificationException;
import org.assessmentruntime.api.WasmEngine;
import org.assessmentruntime.api.WasmEngine.HostLimits;
import org.assessmentruntime.api.WasmExecutor;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.ExecutionOutcome;
import org.assessmentruntime.api.model.ExecutionRequest;
import org.assessmentruntime.api.model.FailureKind;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's one {@link WasmExecutor}: picks the engine, compiles each module once per engine and
 * runs it with the request's limits and the operator's {@link HostLimits}.
 *
 * <p>Engines are separate bundles that come and go: they are tracked dynamically, and when one leaves,
 * its compiled modules are dropped and requests for it end as {@link FailureKind#ENGINE_UNAVAILABLE}
 * instead of failing the caller.
 */
@Component(configurationPid = WasmExecutorService.PID,
        property = ComponentId.SERVICE_PROPERTY + "=wasm-executor")
@Designate(ocd = ExecutorConfig.class)
public class WasmExecutorService implements WasmExecutor, HealthIndicator {

    /** The configuration PID. */
    static final String PID = "org.assessmentruntime.wasmexecutor";

    private static final Logger LOG = LoggerFactory.getLogger(WasmExecutorService.class);

    private final Map<String, WasmEngine> engines = new ConcurrentHashMap<>();
    private final ModuleCache cache = new ModuleCache();
    private volatile String defaultEngine;
    private volatile Semaphore runPermits;
    private volatile HostLimits hostLimits = HostLimits.DEFAULTS;
    /** Why the last configuration was rejected; empty when it is in effect. */
    private volatile String configProblem = "";

    /** DS constructor. */
    @Activate
    public WasmExecutorService(ExecutorConfig config) {
        apply(config);
    }

    /** An executor outside OSGi; engines are added with {@link #bindEngine(WasmEngine)}. */
    public static WasmExecutorService standalone(String defaultEngine, int maxConcurrentRuns) {
        WasmExecutorService executor = new WasmExecutorService();
        executor.apply(defaultEngine, maxConcurrentRuns);
        return executor;
    }

    private WasmExecutorService() {
    }

    /** Applies a changed configuration to the runs that start from now on. */
    @Modified
    void modified(ExecutorConfig config) {
        apply(config);
    }

    /**
     * Applies a configuration validated whole. One with a value out of bounds is rejected without
     * failing the component (which would take it out of status and stop every run): the executor keeps
     * what it had (the defaults at first), says why in the log and in its health, and takes the next
     * valid one.
     */
    private synchronized void apply(ExecutorConfig config) {
        ExecutorSettings next;
        try {
            next = ExecutorSettings.of(config);
        } catch (IllegalArgumentException e) {
            configProblem = "the configuration " + PID + " was rejected (" + e.getMessage() + "); runs keep the "
                    + "previous settings";
            LOG.error("The configuration {} was rejected, runs keep the previous settings: {}", PID, e.getMessage());
            if (runPermits == null) {
                apply(ExecutorSettings.DEFAULTS);
            }
            return;
        }
        apply(next);
        configProblem = "";
    }

    private void apply(ExecutorSettings next) {
        apply(next.defaultEngine(), next.maxConcurrentRuns());
        cache.limit(next.maxCompiledModules());
        hostLimits = next.hostLimits();
    }

    private void apply(String engine, int maxConcurrentRuns) {
        if (maxConcurrentRuns < 1) {
            throw new IllegalArgumentException("maxConcurrentRuns must be at least 1, got " + maxConcurrentRuns);
        }
        defaultEngine = engine.trim().toLowerCase(Locale.ROOT);
        // Runs in flight release the semaphore they took, so replacing it is safe.
        runPermits = new Semaphore(maxConcurrentRuns, true);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    /** Offers an engine; also used outside OSGi by {@link org.assessmentruntime.wasmexecutor.WasmExecutors}. */
    public void bindEngine(WasmEngine engine) {
        engines.put(engine.name(), engine);
    }

    void unbindEngine(WasmEngine engine) {
        if (engines.remove(engine.name(), engine)) {
            cache.evictEngine(engine.name());
        }
    }

    @Override
    public ExecutionOutcome execute(ExecutionRequest request) {
        String engineName = request.engine().isEmpty() ? defaultEngine : request.engine();
        WasmEngine engine = engines.get(engineName);
        if (engine == null) {
            return failure(engineName, FailureKind.ENGINE_UNAVAILABLE,
                    "engine '" + engineName + "' is not available (available: " + engines() + ")");
        }
        Semaphore permits = runPermits;
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure(engineName, FailureKind.INTERNAL, "interrupted while waiting for a free run slot");
        }
        try {
            return run(engine, request);
        } finally {
            permits.release();
        }
    }

    private ExecutionOutcome run(WasmEngine engine, ExecutionRequest request) {
        Digest digest = request.moduleDigest();
        // A run of a compiled module neither copies nor hashes the bytes (request.module() copies): they
        // are needed, and verified, only when the module is compiled.
        ModuleCache.Source bytes;
        if (cache.contains(engine.name(), digest)) {
            // Verified when used after all: the module may be evicted before it is leased, and bytes that
            // do not match must never be compiled under the digest other runs trust.
            bytes = () -> verified(digest, request.module());
        } else {
            byte[] module = request.module();
            if (!digest.matches(module)) {
                return failure(engine.name(), FailureKind.INVALID_MODULE,
                        "module bytes do not match their digest " + digest);
            }
            bytes = () -> module;
        }
        try (Lease lease = cache.acquire(engine, digest, bytes)) {
            return engine.run(lease.module(), request, hostLimits);
        } catch (AssessmentException e) {
            return failure(engine.name(), FailureKind.INVALID_MODULE, e.getMessage());
        } catch (RuntimeException e) {
            // An engine must not throw; if one does, this run fails and the executor keeps serving.
            return failure(engine.name(), FailureKind.INTERNAL, "engine " + engine.name() + " failed: " + e);
        }
    }

    @Override
    public void prepare(Digest digest, byte[] module, String engine) throws AssessmentException {
        if (!digest.matches(module)) {
            throw new PluginVerificationException("module bytes do not match their digest " + digest);
        }
        String engineName = engine == null || engine.isBlank() ? defaultEngine : engine;
        WasmEngine wasmEngine = engines.get(engineName);
        if (wasmEngine == null) {
            throw new NotFoundException("engine '" + engineName + "' is not available (available: " + engines() + ")");
        }
        cache.acquire(wasmEngine, digest, () -> module).close();
    }

    private static byte[] verified(Digest digest, byte[] module) throws PluginVerificationException {
        if (!digest.matches(module)) {
            throw new PluginVerificationException("module bytes do not match their digest " + digest);
        }
        return module;
    }

    @Override
    public void evict(Digest digest) {
        cache.evict(digest);
    }

    @Override
    public Set<String> engines() {
        return new TreeSet<>(engines.keySet());
    }

    @Override
    public String defaultEngine() {
        return engines.containsKey(defaultEngine) ? defaultEngine : "";
    }

    @Override
    public ComponentHealth health() {
        String problem = configProblem;
        Map<String, String> facts = Map.of("engines", String.join(",", engines()),
                "defaultEngine", defaultEngine, "compiledModules", Integer.toString(cache.size()),
                "maxCompiledModules", Integer.toString(cache.limit()),
                "maxOpenFiles", Integer.toString(hostLimits.maxOpenFiles()), "configProblem", problem);
        if (engines.isEmpty()) {
            return new ComponentHealth(ComponentId.WASM_EXECUTOR, HealthState.DOWN,
                    "no WebAssembly engine is installed; plugins cannot run" + (problem.isEmpty() ? "" : "; " + problem),
                    facts);
        }
        if (!engines.containsKey(defaultEngine)) {
            return new ComponentHealth(ComponentId.WASM_EXECUTOR, HealthState.DEGRADED,
                    "default engine '" + defaultEngine + "' is not installed; only plugins asking for "
                            + engines() + " can run" + (problem.isEmpty() ? "" : "; " + problem), facts);
        }
        if (!problem.isEmpty()) {
            return new ComponentHealth(ComponentId.WASM_EXECUTOR, HealthState.DEGRADED, problem, facts);
        }
        return new ComponentHealth(ComponentId.WASM_EXECUTOR, HealthState.UP,
                "engines " + engines() + ", default " + defaultEngine + ", " + cache.size() + " compiled modules",
                facts);
    }

    private static ExecutionOutcome failure(String engine, FailureKind kind, String message) {
        return new ExecutionOutcome(ExecutionOutcome.NO_EXIT_CODE, null, false, null, false, Duration.ZERO, engine,
                kind, message);
    }
}
