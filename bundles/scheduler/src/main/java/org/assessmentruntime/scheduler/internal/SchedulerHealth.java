package org.assessmentruntime.scheduler.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.ComponentId;
import org.assessmentruntime.api.HealthState;
import org.assessmentruntime.scheduler.RejectedJobFile;

/**
 * The scheduler's health from the state it holds: UP with its figures, DEGRADED when configuration values
 * or job files were rejected, the job directory is not usable, or there is no job runner to hand runs to.
 * Disabled jobs are counted, not a problem: an operator chose them.
 */
final class SchedulerHealth {

    /** Longest rejection reason in the detail line; the facts keep the whole message. */
    static final int MAX_REASON = 240;

    private SchedulerHealth() {
    }

    static ComponentHealth report(Collection<JobTriggers> jobs, Predicate<String> disabled, List<String> configProblems,
            JobFileSync files, List<RejectedJobFile> rejects, RunStats stats, SkipLog skips, Dispatcher dispatcher,
            boolean runnerPresent) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("jobs", Integer.toString(jobs.size()));
        List<String> disabledIds = jobs.stream().map(j -> j.job().id()).filter(disabled).sorted().toList();
        facts.put("jobsDisabled", Integer.toString(disabledIds.size()));
        if (!disabledIds.isEmpty()) {
            facts.put("disabledJobs", String.join(",", disabledIds));
        }
        for (int i = 0; i < configProblems.size(); i++) {
            facts.put("rejectedSetting." + (i + 1), configProblems.get(i));
        }
        facts.put("jobsFromFiles", Integer.toString(files.jobCount()));
        facts.put("jobsDirectory", files.directory().toString());
        facts.put("rejectedFiles", Integer.toString(rejects.size()));
        for (RejectedJobFile rejected : rejects) {
            facts.put("rejected." + rejected.file().getFileName(), rejected.field() + ": " + rejected.message());
        }
        facts.put("runsStarted", Long.toString(stats.startedCount()));
        facts.put("runsSkipped", Long.toString(stats.skippedCount()));
        facts.put("runsCoalesced", Long.toString(stats.coalescedCount()));
        // Which jobs the skips belong to: the log only summarises them (SkipLog).
        skips.totals().forEach((job, count) -> facts.put("runsSkipped." + job, Long.toString(count)));
        facts.put("runsFailed", Long.toString(stats.failedCount()));
        facts.put("runsInProgress", Integer.toString(dispatcher.running()));
        facts.put("runsWaiting", Integer.toString(dispatcher.waiting()));
        facts.put("runsAwaitingRunner", Integer.toString(dispatcher.deferred()));
        facts.put("workers", Integer.toString(dispatcher.workerCount()));
        facts.put("jobRunner", runnerPresent ? "available" : "missing");
        String next = nextFire(jobs.stream().filter(j -> !disabled.test(j.job().id())).toList(), facts);
        List<String> unwatched = jobs.stream().flatMap(j -> j.unwatched().stream()).sorted().toList();
        if (!unwatched.isEmpty()) {
            facts.put("unwatchedPaths", String.join(",", unwatched));
        }

        List<String> problems = new ArrayList<>();
        if (!configProblems.isEmpty()) {
            problems.add("configuration rejected (" + String.join("; ", configProblems) + ")");
        }
        if (!runnerPresent) {
            problems.add("no job runner: triggered runs wait up to " + dispatcher.runnerWait().toSeconds()
                    + " s for one, then are skipped (" + stats.skippedCount() + " skipped so far), "
                    + dispatcher.deferred() + " start-up runs wait for one");
        }
        if (!rejects.isEmpty()) {
            // The reason itself, not only the field: "$.tasks" alone does not tell an operator what to fix.
            problems.add(rejects.size() + " job file(s) rejected: " + String.join("; ",
                    rejects.stream().map(SchedulerHealth::rejection).toList()));
        }
        if (!files.problem().isEmpty()) {
            problems.add(files.problem());
        }
        String figures = jobs.size() + " jobs (" + files.jobCount() + " from " + files.directory()
                + (disabledIds.isEmpty() ? "" : ", " + disabledIds.size() + " disabled") + "), next run "
                + next + "; runs: " + stats.startedCount() + " started, " + stats.skippedCount() + " skipped, "
                + stats.failedCount() + " failed";
        return problems.isEmpty()
                ? new ComponentHealth(ComponentId.SCHEDULER, HealthState.UP, figures, facts)
                : new ComponentHealth(ComponentId.SCHEDULER, HealthState.DEGRADED,
                        String.join("; ", problems) + "; " + figures, facts);
    }

    /** {@code file: field: message}, cut at a word so that a hostile file cannot flood the status line. */
    static String rejection(RejectedJobFile rejected) {
        String reason = rejected.field() + ": " + rejected.message();
        if (reason.length() > MAX_REASON) {
            int cut = reason.lastIndexOf(' ', MAX_REASON);
            reason = reason.substring(0, cut > MAX_REASON / 2 ? cut : MAX_REASON) + "…";
        }
        return rejected.file().getFileName() + ": " + reason;
    }

    /** Puts the earliest next fire time into the facts and returns it in words. */
    private static String nextFire(Collection<JobTriggers> jobs, Map<String, String> facts) {
        Instant earliest = null;
        String which = "";
        for (JobTriggers job : jobs) {
            for (Map.Entry<String, Instant> task : job.nextFireTimes().entrySet()) {
                if (earliest == null || task.getValue().isBefore(earliest)) {
                    earliest = task.getValue();
                    which = job.job().id() + "/" + task.getKey();
                }
            }
        }
        if (earliest == null) {
            return "none timed";
        }
        facts.put("nextFireTime", earliest.toString());
        facts.put("nextFireTask", which);
        return earliest + " (" + which + ")";
    }
}
