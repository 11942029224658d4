package org.assessmentruntime.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.PluginManager;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.api.model.PluginRef;

/** {@code assessment:plugin-remove}: removes installed versions of a plugin. */
@Service
@Command(scope = "assessment", name = "plugin-remove", description = "Removes the installed versions NAME[@CONSTRAINT] "
        + "matches: every version without a constraint. Quote a constraint that has spaces or shell characters: "
        + "assessment:plugin-remove \"acme/ssh-config@<1.2\".")
public class PluginRemoveCommand implements Action {

    @Reference(optional = true)
    PluginManager pluginManager;

    @Argument(index = 0, name = "plugin", required = true, description = "namespace/name, optionally @constraint; "
            + "every version when omitted")
    @Completion(PluginNameCompleter.class)
    String plugin;

    @Override
    public Object execute() throws AssessmentException {
        PluginManager manager = Services.require(pluginManager, "plugin manager");
        PluginRef ref = Plugins.ref(plugin);
        try {
            manager.remove(ref).forEach(p -> System.out.println("Removed " + p.id()));
            // Removing changes what jobs run; tell the operator what that is now.
            System.out.println(manager.resolve(new PluginRef(ref.name(), PluginRef.ANY))
                    .map(InstalledPlugin::id).map(id -> "Jobs now run " + id)
                    .orElse("No version of " + ref.name() + " is installed any more"));
        } catch (AssessmentException e) {
            throw Plugins.failed("Removing " + ref, e);
        }
        return null;
    }
}
