package org.assessmentruntime.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.PluginManager;
import org.assessmentruntime.api.model.InstalledPlugin;

/** {@code assessment:plugin-verify}: checks installed plugins' digests and signatures again. */
@Service
@Command(scope = "assessment", name = "plugin-verify", description = "Checks installed plugins again: the stored "
        + "bytes against their digest, and the signature against the keys trusted now. Every installed version "
        + "when no plugin is given; every version of NAME, or just NAME@VERSION.")
public class PluginVerifyCommand implements Action {

    @Reference(optional = true)
    PluginManager pluginManager;

    @Argument(index = 0, name = "plugin", description = "namespace/name or namespace/name@version; all when omitted")
    @Completion(PluginNameCompleter.class)
    String plugin;

    @Option(name = "--json", description = "Print one entry per plugin version (plugin, ok, detail) as JSON, for scripts.")
    boolean json;

    @Override
    public Object execute() throws AssessmentException {
        PluginManager manager = Services.require(pluginManager, "plugin manager");
        List<InstalledPlugin> targets = plugin == null ? manager.installed() : Plugins.select(manager, plugin);
        ShellTable table = new ShellTable();
        table.column("Plugin").maxSize(60);
        table.column("Result");
        table.column("Detail").maxSize(80);
        List<Map<String, Object>> rows = new ArrayList<>();
        int failed = 0;
        for (InstalledPlugin target : targets) {
            // Each version is checked on its own: one tampered plugin must not hide the state of the others.
            try {
                InstalledPlugin now = manager.verify(target.id());
                table.addRow().addContent(target.id(), "OK", Plugins.signature(now));
                rows.add(Map.of("plugin", target.id().toString(), "ok", true, "detail", Plugins.signature(now)));
            } catch (AssessmentException e) {
                failed++;
                table.addRow().addContent(target.id(), "FAILED", e.getMessage());
                rows.add(Map.of("plugin", target.id().toString(), "ok", false, "detail", String.valueOf(e.getMessage())));
            }
        }
        if (json) {
            System.out.println(Json.write(rows));
        } else {
            table.emptyTableText("No plugins installed.");
            table.print(System.out);
            if (!targets.isEmpty()) {
                System.out.printf("%d verified, %d failed%n", targets.size() - failed, failed);
            }
        }
        // The report is printed either way; a failed check must also fail the command, for scripts.
        if (failed > 0) {
            throw new CommandException(failed + " of " + targets.size() + " plugin version(s) failed verification "
                    + "(see above)");
        }
        return null;
    }
}
