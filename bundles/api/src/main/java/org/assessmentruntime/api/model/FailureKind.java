package org.assessmentruntime.api.model;

/**
 * Why a plugin run produced no assessment. The executor reports the kinds that arise while a module
 * runs ({@link ExecutionOutcome#failure()}); the job runner adds the ones that arise before and after,
 * and puts the kind on the {@link ResultStatus#ERROR} result, so that an operator can tell a broken
 * plugin from a broken host from a limit set too low without reading logs.
 */
public enum FailureKind {
    /** No installed version of the plugin satisfies the job's reference. (job runner) */
    PLUGIN_UNAVAILABLE,
    /**
     * The plugin may not run: its signature or digest no longer checks out, it needs an ABI this runtime
     * does not speak, or it asks for grants the operator's policy refuses. (job runner)
     */
    PLUGIN_REJECTED,
    /** The activity's configuration does not validate against the plugin's schema. (job runner) */
    INVALID_CONFIGURATION,
    /** The bytes are not a WebAssembly module the engine can compile, or lack a WASI entry point. */
    INVALID_MODULE,
    /** The requested engine is not installed or cannot run on this host. */
    ENGINE_UNAVAILABLE,
    /** The run exceeded {@link ResourceLimits#timeout()} and was stopped. */
    TIMEOUT,
    /** The module tried to grow its memory beyond {@link ResourceLimits#maxMemoryBytes()}. */
    MEMORY_LIMIT,
    /** The module wrote more than {@link ResourceLimits#maxStdoutBytes()} to stdout. */
    OUTPUT_LIMIT,
    /** The module trapped (unreachable, out-of-bounds access, stack exhaustion, …). */
    TRAP,
    /** The module exited with a non-zero code. */
    EXIT_CODE,
    /** The module exited 0 but stdout is not a valid {@link PluginOutput}. (job runner) */
    INVALID_OUTPUT,
    /** The plugin ran and reported that it could not assess its target (status ERROR). (job runner) */
    PLUGIN_REPORTED,
    /** A fault of the runtime itself; the message says what. */
    INTERNAL
}
