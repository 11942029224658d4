package org.assessmentruntime.wasmexecutor.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.assessmentruntime.api.WasmEngine.HostLimits;

/**
 * The executor's settings, validated as a whole: a configuration with a value out of its bounds is
 * rejected entire, so that the executor never runs on half a change.
 *
 * @param defaultEngine      the engine used when neither the request nor the plugin names one, lower case
 * @param maxConcurrentRuns  runs allowed at once
 * @param maxCompiledModules compiled modules kept
 * @param hostLimits         the operator's limits for every run
 */
record ExecutorSettings(String defaultEngine, int maxConcurrentRuns, int maxCompiledModules, HostLimits hostLimits) {

    /** The defaults of {@link ExecutorConfig}: what an executor whose first configuration is invalid runs on. */
    static final ExecutorSettings DEFAULTS = new ExecutorSettings("chicory", 4, ModuleCache.DEFAULT_LIMIT,
            HostLimits.DEFAULTS);

    /**
     * @param config the configuration
     * @return its settings
     * @throws IllegalArgumentException naming every setting out of its bounds
     */
    static ExecutorSettings of(ExecutorConfig config) {
        List<String> problems = new ArrayList<>();
        String engine = config.defaultEngine() == null ? "" : config.defaultEngine().trim().toLowerCase(Locale.ROOT);
        if (engine.isEmpty()) {
            problems.add("defaultEngine must name an engine, got nothing");
        }
        if (config.maxConcurrentRuns() < 1) {
            problems.add("maxConcurrentRuns must be at least 1, got " + config.maxConcurrentRuns());
        }
        if (config.maxCompiledModules() < 1) {
            problems.add("maxCompiledModules must be at least 1, got " + config.maxCompiledModules());
        }
        HostLimits host = null;
        try {
            host = new HostLimits(config.maxOpenFiles());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new ExecutorSettings(engine, config.maxConcurrentRuns(), config.maxCompiledModules(), host);
    }
}
