package org.assessmentruntime.shell.internal;

import org.assessmentruntime.api.NotFoundException;
import org.assessmentruntime.api.Scheduler;

/** What {@code assessment:job-enable} and {@code assessment:job-disable} share: the call and its words. */
final class JobSwitch {

    private JobSwitch() {
    }

    /**
     * Enables or disables a job and says what that means for it.
     *
     * @throws CommandException naming the job if it is not scheduled
     */
    static String set(Scheduler scheduler, String jobId, boolean enabled) {
        String id = JobIds.check(jobId, "job");
        boolean changed;
        try {
            changed = Services.require(scheduler, "scheduler").setEnabled(id, enabled);
        } catch (NotFoundException e) {
            throw new CommandException("no job '" + id + "' is scheduled (see assessment:jobs)", e);
        }
        if (!changed) {
            return "Job " + id + " is already " + (enabled ? "enabled" : "disabled");
        }
        return enabled
                ? "Enabled job " + id + ": it runs on its schedule again; runs it missed while disabled are not replayed"
                : "Disabled job " + id + ": its timed and change-triggered runs do not run (also after a restart); "
                        + "assessment:run " + id + " still runs it";
    }
}
