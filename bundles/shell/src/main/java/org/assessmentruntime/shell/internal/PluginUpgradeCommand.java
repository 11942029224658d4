package org.assessmentruntime.shell.internal;

import java.util.List;
import java.util.Optional;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.PluginManager;
import org.assessmentruntime.api.model.InstalledPlugin;

/** {@code assessment:plugin-upgrade}: installs the newest registry version of one or every installed plugin. */
@Service
@Command(scope = "assessment", name = "plugin-upgrade", description = "Installs the newest registry version of an "
        + "installed plugin, or of every installed plugin when NAME is omitted. Older versions stay installed "
        + "(see assessment:plugin-rollback).")
public class PluginUpgradeCommand implements Action {

    @Reference(optional = true)
    PluginManager pluginManager;

    @Argument(index = 0, name = "plugin", description = "namespace/name; every installed plugin when omitted")
    @Completion(PluginNameCompleter.class)
    String plugin;

    @Override
    public Object execute() throws AssessmentException {
        PluginManager manager = Services.require(pluginManager, "plugin manager");
        String name = plugin == null ? null : Plugins.name(plugin);
        try {
            if (name != null) {
                Optional<InstalledPlugin> upgraded = manager.upgrade(name);
                System.out.println(upgraded.map(p -> "Upgraded " + p.id()).orElse(name + " is up to date"));
                return null;
            }
            List<InstalledPlugin> upgraded = manager.upgradeAll();
            upgraded.forEach(p -> System.out.println("Upgraded " + p.id()));
            if (upgraded.isEmpty()) {
                System.out.println("All plugins are up to date");
            }
        } catch (AssessmentException e) {
            throw Plugins.failed(name == null ? "Upgrading the installed plugins" : "Upgrading " + name, e);
        }
        return null;
    }
}
