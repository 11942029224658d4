package org.assessmentruntime.jobrunner.internal;

import java.time.Clock;

import org.assessmentruntime.api.PluginManager;
import org.assessmentruntime.api.PluginStore;
import org.assessmentruntime.api.ResultsCollector;
import org.assessmentruntime.api.WasmExecutor;

/**
 * The benchmark's way into the job runner's package-private constructor and DS methods (binding the
 * executor, results collector, plugin manager and plugin store; deactivating), which Declarative Services
 * calls in the runtime. It works because this class sits in the job runner's package on a plain class path
 * (no OSGi, no module system); acceptable for a benchmark harness only, which must drive the real service
 * as DS does. The job runner's unit tests (JobRunnerServiceTest) construct and bind it the same way.
 */
public final class JobRunnerAccess {

    private JobRunnerAccess() {
    }

    /**
     * As DS activates the component, with the runtime id given rather than read from Karaf's data
     * directory, and bound to the four services it needs (each as DS binds its optional dynamic reference).
     */
    public static JobRunnerService start(String runtimeId, Clock clock, JobRunnerConfig config, WasmExecutor executor,
            ResultsCollector results, PluginManager plugins, PluginStore store) {
        JobRunnerService runner = new JobRunnerService(runtimeId, clock, config);
        runner.bind(executor, results, plugins, store);
        return runner;
    }

    /** As DS deactivates the component: lets the runs in progress finish and store their results. */
    public static void deactivate(JobRunnerService runner) {
        runner.deactivate();
    }
}
