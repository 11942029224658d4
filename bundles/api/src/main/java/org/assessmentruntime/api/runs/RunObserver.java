package org.assessmentruntime.api.runs;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Hears of every finished run of an activity (whiteboard: register it as an OSGi service; the job runner
 * calls every registered observer).
 *
 * <p>Called on the run's own thread after its result was handed to the results collector, so an
 * implementation must return quickly (count, record, hand off) and must be thread-safe: runs finish
 * concurrently. What it throws is logged and otherwise ignored: an observer never fails a run.
 */
@ConsumerType
public interface RunObserver {

    /**
     * One activity's run has finished.
     *
     * @param run what it came to
     */
    void runFinished(FinishedRun run);
}
