package org.assessmentruntime.wasmexecutor.internal;

import org.assessmentruntime.api.WasmEngine.HostLimits;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the WASM executor (PID {@code org.assessmentruntime.wasmexecutor}). */
@ObjectClassDefinition(name = "Assessment Runtime WASM Executor",
        description = "Which engine runs plugins by default, how many runs may proceed at once, how many "
                + "compiled modules are kept, and how many files a run may hold open.")
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

    /**
     * Files and directories one run may hold open at once (besides its stdio and granted directories).
     * Each holds a host file descriptor; a plugin opening files in a loop would otherwise take every
     * descriptor of the JVM and starve the runtime (its shell, its HTTP clients, its result store). Beyond
     * it the guest's open fails with EMFILE. An operator's setting for every run, never a plugin's: the
     * ceiling protects the host.
     */
    @AttributeDefinition(min = "1", max = "" + HostLimits.MAX_OPEN_FILES_CEILING,
            description = "Files a plugin run may hold open at once; beyond it opening another fails with EMFILE "
                    + "(too many open files). At most " + HostLimits.MAX_OPEN_FILES_CEILING + ".")
    int maxOpenFiles() default HostLimits.DEFAULT_MAX_OPEN_FILES;
}
