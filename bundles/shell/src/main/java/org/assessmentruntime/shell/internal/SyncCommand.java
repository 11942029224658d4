package org.assessmentruntime.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.ConfigSyncOutcome;
import org.assessmentruntime.api.ConfigurationSync;

/** {@code assessment:sync}: pulls the control plane's configuration now instead of at the next poll. */
@Service
@Command(scope = "assessment", name = "sync", description = "Pulls configuration from the control plane now and "
        + "applies it (as the remote-configuration mode allows); prints the outcome.")
public class SyncCommand implements Action {

    @Reference(optional = true)
    ConfigurationSync sync;

    @Option(name = "--json", description = "Print the outcome as JSON, for scripts.")
    boolean json;

    @Override
    public Object execute() throws AssessmentException {
        // The sync service exists only while a control plane is configured; say so rather than "not running".
        ConfigSyncOutcome outcome = Services.require(sync,
                "configuration sync (it runs only with a control plane configured: etc/org.assessmentruntime.controlplane.cfg)")
                .sync();
        if (json) {
            System.out.println(Json.write(outcome));
        } else {
            System.out.println("Sync " + outcome.status() + ": revision " + outcome.revision()
                    + (outcome.etag().isEmpty() ? "" : ", ETag " + outcome.etag())
                    + (outcome.reason().isEmpty() ? "" : " - " + outcome.reason()));
            outcome.warnings().forEach(w -> System.out.println("  warning: " + w));
        }
        // Printed either way; a sync that applied nothing it should have also fails the command, for scripts.
        if (outcome.status() == ConfigSyncOutcome.Status.FAILED || outcome.status() == ConfigSyncOutcome.Status.REJECTED) {
            throw new CommandException("sync " + outcome.status() + ": " + outcome.reason());
        }
        return null;
    }
}
