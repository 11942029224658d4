package org.assessmentruntime.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.assessmentruntime.api.PluginManager;

/** Completes the names of the installed plugins. */
@Service
public class PluginNameCompleter implements Completer {

    @Reference(optional = true)
    PluginManager pluginManager;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        if (pluginManager != null) {
            pluginManager.installed().forEach(plugin -> names.getStrings().add(plugin.id().name()));
        }
        return names.complete(session, commandLine, candidates);
    }
}
