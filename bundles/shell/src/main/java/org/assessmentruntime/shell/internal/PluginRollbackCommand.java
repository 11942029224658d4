package org.assessmentruntime.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.PluginManager;

/** {@code assessment:plugin-rollback}: goes back to a plugin's previous installed version. */
@Service
@Command(scope = "assessment", name = "plugin-rollback", description = "Removes the highest installed version of a "
        + "plugin, so that jobs run the previous one again.")
public class PluginRollbackCommand implements Action {

    @Reference(optional = true)
    PluginManager pluginManager;

    @Argument(index = 0, name = "plugin", required = true, description = "namespace/name")
    @Completion(PluginNameCompleter.class)
    String plugin;

    @Override
    public Object execute() throws AssessmentException {
        PluginManager manager = Services.require(pluginManager, "plugin manager");
        String name = Plugins.name(plugin);
        try {
            System.out.println("Rolled back; jobs now run " + manager.rollback(name).id());
        } catch (AssessmentException e) {
            throw Plugins.failed("Rolling back " + name, e);
        }
        return null;
    }
}
