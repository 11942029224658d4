package org.assessmentruntime.shell.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.assessmentruntime.api.PluginManager;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.api.model.PluginId;
import org.assessmentruntime.api.model.PluginRef;

/** {@code assessment:plugin-list}: the installed plugin versions, marking the one jobs run for each name. */
@Service
@Command(scope = "assessment", name = "plugin-list", description = "Lists the installed plugin versions; '*' marks "
        + "the version jobs run for each name (the highest installed).")
public class PluginListCommand implements Action {

    @Reference(optional = true)
    PluginManager pluginManager;

    @Option(name = "--json", description = "Print the plugins as JSON, for scripts.")
    boolean json;

    /**
     * One installed version as {@code --json} prints it.
     *
     * @param current whether jobs asking for the plugin without a version run this one
     */
    public record Entry(String name, String version, boolean current, Digest digest, InstalledPlugin.Source source,
            InstalledPlugin.SignatureStatus signature, String signerKeyId, Instant installedAt) {
    }

    @Override
    public Object execute() {
        PluginManager manager = Services.require(pluginManager, "plugin manager");
        List<Entry> entries = entries(manager);
        if (json) {
            System.out.println(Json.write(entries));
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("");
        table.column("Plugin").maxSize(50);
        table.column("Version");
        table.column("Digest");
        table.column("Source");
        table.column("Signature").maxSize(40);
        table.column("Installed at");
        for (Entry e : entries) {
            table.addRow().addContent(e.current() ? "*" : "", e.name(), e.version(), Plugins.shortDigest(e.digest()),
                    e.source(), Plugins.signature(e.signature(), e.signerKeyId()), e.installedAt());
        }
        table.emptyTableText("No plugins installed: see assessment:plugin-install.");
        table.print(System.out);
        return null;
    }

    static List<Entry> entries(PluginManager manager) {
        // Asking the manager rather than taking the highest here keeps one rule for "what runs".
        Map<String, Optional<PluginId>> current = new HashMap<>();
        return manager.installed().stream().map(p -> {
            PluginId runs = current.computeIfAbsent(p.id().name(),
                    name -> manager.resolve(new PluginRef(name, PluginRef.ANY)).map(InstalledPlugin::id)).orElse(null);
            return new Entry(p.id().name(), p.id().version(), p.id().equals(runs), p.digest(), p.source(),
                    p.signature(), p.signerKeyId(), p.installedAt());
        }).toList();
    }
}
