package org.assessmentruntime.jobrunner.internal;

import java.util.concurrent.CopyOnWriteArrayList;

import org.assessmentruntime.api.runs.FinishedRun;
import org.assessmentruntime.api.runs.RunObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link RunObserver}s registered now. Notifying them never fails a run: what an observer throws is
 * logged as a warning and the next observer is told anyway.
 */
final class RunObservers {

    private static final Logger LOG = LoggerFactory.getLogger(RunObservers.class);

    // Copy-on-write: observers change rarely (bundle updates), runs notify often and concurrently.
    private final CopyOnWriteArrayList<RunObserver> observers = new CopyOnWriteArrayList<>();

    void add(RunObserver observer) {
        observers.addIfAbsent(observer);
    }

    void remove(RunObserver observer) {
        observers.remove(observer);
    }

    void notify(FinishedRun run) {
        for (RunObserver observer : observers) {
            try {
                observer.runFinished(run);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("A run observer ({}) failed on the run of {}/{}/{}; the run is not affected: {}",
                        observer.getClass().getName(), run.jobId(), run.taskId(), run.activityId(), e.toString());
            }
        }
    }
}
