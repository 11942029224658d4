package org.assessmentruntime.shell.internal;

import java.util.Set;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.PluginManager;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.api.model.PluginId;
import org.assessmentruntime.api.model.PluginRef;

/** {@code assessment:plugin-install}: downloads, verifies and installs a plugin from the registries. */
@Service
@Command(scope = "assessment", name = "plugin-install", description = "Installs the highest registry version "
        + "satisfying NAME[@CONSTRAINT], after checking its digest and signature. Quote a constraint that has spaces "
        + "or shell characters (<, >, |): assessment:plugin-install \"acme/ssh-config@~> 1.2\".")
public class PluginInstallCommand implements Action {

    @Reference(optional = true)
    PluginManager pluginManager;

    @Argument(index = 0, name = "plugin", required = true, description = "namespace/name, optionally @constraint "
            + "(1.2.3, ^1.2, ~1.2.0, \">=1.0 <2\"; quoted when it has spaces, < or >); newest when omitted")
    String plugin;

    @Override
    public Object execute() throws AssessmentException {
        PluginManager manager = Services.require(pluginManager, "plugin manager");
        PluginRef ref = Plugins.ref(plugin);
        // install() does nothing for a version already in the store; say so rather than claim a download.
        Set<PluginId> before = manager.installed().stream().map(InstalledPlugin::id).collect(Collectors.toSet());
        try {
            InstalledPlugin installed = manager.install(ref);
            boolean already = before.contains(installed.id());
            System.out.printf("%s %s (%s, %s)%n", already ? "Already installed:" : "Installed", installed.id(),
                    Plugins.shortDigest(installed.digest()), Plugins.signature(installed));
        } catch (AssessmentException e) {
            throw Plugins.failed("Installing " + ref, e);
        }
        return null;
    }
}
