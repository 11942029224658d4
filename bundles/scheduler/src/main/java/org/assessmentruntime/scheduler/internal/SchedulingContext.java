package org.assessmentruntime.scheduler.internal;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.random.RandomGenerator;

/**
 * What the triggers of every job share.
 *
 * @param timer      the one timer thread; callbacks on it only hand work on, never run a job
 * @param clock      the wall clock fire times are computed against
 * @param random     source of the jitter
 * @param dispatcher where fired tasks go
 * @param watcher    watches the tasks' paths
 * @param fireTimes  last fire times, for missed-run detection
 * @param disabled   jobs whose timed and change-triggered fires do not run
 */
record SchedulingContext(ScheduledExecutorService timer, Clock clock, RandomGenerator random, Dispatcher dispatcher,
        PathWatcher watcher, FireTimes fireTimes, DisabledJobs disabled) {
}
