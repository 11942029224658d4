package org.assessmentruntime.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.Heartbeat;
import org.assessmentruntime.api.HeartbeatResult;

/** {@code assessment:heartbeat}: sends a heartbeat now, to check the link to the control plane. */
@Service
@Command(scope = "assessment", name = "heartbeat", description = "Sends a heartbeat to the control plane now and "
        + "prints whether it was accepted.")
public class HeartbeatCommand implements Action {

    @Reference(optional = true)
    Heartbeat heartbeat;

    @Option(name = "--json", description = "Print the result as JSON, for scripts.")
    boolean json;

    @Override
    public Object execute() throws AssessmentException {
        HeartbeatResult result = Services.require(heartbeat,
                "heartbeat (it runs only with a control plane configured: etc/org.assessmentruntime.controlplane.cfg)")
                .beat();
        if (json) {
            System.out.println(Json.write(result));
        } else if (result.delivered()) {
            System.out.println("Heartbeat accepted at " + result.at());
        }
        // The command checks the link: a heartbeat not accepted fails it, so that a script sees the link down.
        if (!result.delivered()) {
            throw new CommandException("heartbeat NOT accepted at " + result.at() + ": " + result.detail());
        }
        return null;
    }
}
