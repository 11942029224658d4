package org.assessmentruntime.wasmexecutor.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the WASM executor (PID {@code org.assessmentruntime.wasmexecutor}). */
@ObjectClassDefinition(name = "Assessment Runtime WASM Executor",
        description = "Which engine runs plugins by default, how many runs may proceed at once, and how "
                + "many compiled modules are kept.")
public @interface ExecutorConfig {

    /** The engine used when neither the request nor the plugin names one. */
    @AttributeDefinition(description = "Engine used when a plugin does not ask for one: chicory (pure Java) "
            + "or wasmtime (native, fastest for CPU-heavy plugins).")
    String defaultEngine() default "chicory";

    /**
     * Runs allowed at the same time. Each run may use its memory limit of heap (Chicory), so this and
     * the limit together size the JVM heap (bin/setenv).
     */
    @AttributeDefinition(min = "1", description = "Plugin runs allowed at the same time; further runs wait.")
    int maxConcurrentRuns() default 4;

    /**
     * Compiled modules kept (all engines together). Each holds memory while kept (Chicory: about 5 MiB
     * of heap and metaspace for a typical plugin), so beyond this the least recently run is dropped and
     * compiled again at its next run (tens of milliseconds). A job cycling through more plugins than
     * this compiles each at every run (the usual price of a least-recently-used bound), so
     * installations with such jobs raise it together with the heap.
     */
    @AttributeDefinition(min = "1", description = "Compiled plugin modules kept in memory; beyond this the "
            + "least recently run is dropped and compiled again at its next run.")
    int maxCompiledModules() default ModuleCache.DEFAULT_LIMIT;
}
