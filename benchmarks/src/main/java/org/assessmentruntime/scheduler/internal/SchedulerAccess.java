package org.assessmentruntime.scheduler.internal;

import org.assessmentruntime.api.JobRunner;

/**
 * The benchmark's way into the scheduler's package-private DS methods (binding the job runner,
 * deactivating), which Declarative Services calls in the runtime. It works because this class sits in
 * the scheduler's package on a plain class path (no OSGi, no module system); acceptable for a benchmark
 * harness only, which must drive the real service as DS does.
 */
public final class SchedulerAccess {

    private SchedulerAccess() {
    }

    /** As DS binds the (optional, dynamic) job runner reference. */
    public static void bind(SchedulerService scheduler, JobRunner runner) {
        scheduler.bindJobRunner(runner);
    }

    /** As DS deactivates the component. */
    public static void deactivate(SchedulerService scheduler) {
        scheduler.deactivate();
    }
}
