package org.assessmentruntime.shell.internal;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.assessmentruntime.api.PluginManager;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.api.model.PluginDescriptor;
import org.assessmentruntime.api.model.PluginRef;
import org.assessmentruntime.api.model.ResourceLimits;

/** {@code assessment:plugin-info}: one installed plugin version's manifest and provenance. */
@Service
@Command(scope = "assessment", name = "plugin-info", description = "Shows an installed plugin's manifest (grants, "
        + "limits, configuration), digest, source and signature. Without @VERSION, the version jobs run.")
public class PluginInfoCommand implements Action {

    @Reference(optional = true)
    PluginManager pluginManager;

    @Argument(index = 0, name = "plugin", required = true, description = "namespace/name or namespace/name@version")
    @Completion(PluginNameCompleter.class)
    String plugin;

    @Option(name = "--json", description = "Print the installed plugin (descriptor, digest, source, signature) as JSON, for scripts.")
    boolean json;

    @Override
    public Object execute() {
        PluginManager manager = Services.require(pluginManager, "plugin manager");
        InstalledPlugin p = plugin.contains("@") ? Plugins.select(manager, plugin).get(0)
                : manager.resolve(new PluginRef(Plugins.name(plugin), PluginRef.ANY)).orElseThrow(
                        () -> new IllegalArgumentException("plugin '" + plugin + "' is not installed (see "
                                + "assessment:plugin-list)"));
        if (json) {
            System.out.println(Json.write(p));
            return null;
        }
        PluginDescriptor d = p.descriptor();
        PrintStream out = System.out;
        out.printf("%s%n", p.id());
        line(out, "description", d.description());
        line(out, "ABI version", d.abiVersion());
        line(out, "engine", d.engine().isEmpty() ? "no preference" : d.engine());
        line(out, "directories", d.grants().directories().isEmpty() ? "none" : d.grants().directories().stream()
                .map(g -> g.hostPath() + " -> " + g.guestPath() + " (read-only)").collect(Collectors.joining(", ")));
        line(out, "environment", d.grants().env().isEmpty() ? "none" : String.join(", ", d.grants().env()));
        line(out, "limits", limits(d.limits()));
        line(out, "configuration", schema(d.configSchema()));
        line(out, "digest", p.digest());
        line(out, "source", p.source());
        line(out, "signature", Plugins.signature(p));
        line(out, "installed at", p.installedAt());
        return null;
    }

    private static void line(PrintStream out, String name, Object value) {
        if (!"".equals(value)) {
            out.printf("  %-14s %s%n", name + ":", value);
        }
    }

    static String limits(ResourceLimits l) {
        return "timeout " + l.timeout() + ", memory " + mib(l.maxMemoryBytes()) + ", stdout " + mib(l.maxStdoutBytes())
                + ", stderr " + mib(l.maxStderrBytes());
    }

    private static String mib(long bytes) {
        return bytes % (1L << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }

    /** The schema's top-level properties with their types, required ones marked: enough to write a job. */
    static String schema(Map<String, Object> schema) {
        if (schema.isEmpty()) {
            return "none";
        }
        if (!(schema.get("properties") instanceof Map<?, ?> properties) || properties.isEmpty()) {
            return "no properties (type " + type(schema) + ")";
        }
        List<?> required = schema.get("required") instanceof List<?> r ? r : List.of();
        return properties.entrySet().stream().map(e -> e.getKey() + " (" + type(e.getValue())
                + (required.contains(e.getKey()) ? ", required" : "") + ")").collect(Collectors.joining(", "));
    }

    private static Object type(Object schema) {
        Object type = schema instanceof Map<?, ?> m ? m.get("type") : null;
        return type == null ? "any" : type;
    }
}
