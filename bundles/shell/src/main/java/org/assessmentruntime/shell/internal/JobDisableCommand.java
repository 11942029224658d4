package org.assessmentruntime.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.assessmentruntime.api.Scheduler;

/** {@code assessment:job-disable}: stops a job's timed and change-triggered runs until it is enabled again. */
@Service
@Command(scope = "assessment", name = "job-disable", description = "Disables a job: its timed and change-triggered "
        + "runs do not run (nor count as skipped or missed) until assessment:job-enable; it stays disabled across "
        + "restarts and edits of its file. assessment:run still runs it.")
public class JobDisableCommand implements Action {

    @Reference(optional = true)
    Scheduler scheduler;

    @Argument(index = 0, name = "job", required = true, description = "The job's id")
    @Completion(JobIdCompleter.class)
    String jobId;

    @Override
    public Object execute() {
        System.out.println(JobSwitch.set(scheduler, jobId, false));
        return null;
    }
}
