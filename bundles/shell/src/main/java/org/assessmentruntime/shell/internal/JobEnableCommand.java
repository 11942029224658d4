package org.assessmentruntime.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.assessmentruntime.api.Scheduler;

/** {@code assessment:job-enable}: lets a disabled job run on its schedule again. */
@Service
@Command(scope = "assessment", name = "job-enable", description = "Enables a disabled job: it runs on its schedule "
        + "again from its next fire time; runs it missed while disabled are not replayed.")
public class JobEnableCommand implements Action {

    @Reference(optional = true)
    Scheduler scheduler;

    @Argument(index = 0, name = "job", required = true, description = "The job's id")
    @Completion(JobIdCompleter.class)
    String jobId;

    @Override
    public Object execute() {
        System.out.println(JobSwitch.set(scheduler, jobId, true));
        return null;
    }
}
