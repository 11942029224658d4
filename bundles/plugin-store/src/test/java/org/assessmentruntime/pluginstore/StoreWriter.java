package org.assessmentruntime.pluginstore;

import java.nio.file.Path;

import org.assessmentruntime.api.PluginStore;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.api.model.PluginId;

/**
 * Child process of {@link CrashConsistencyTest}: puts plugins into a store without end, printing each
 * id once its put returned, until it is killed.
 */
public final class StoreWriter {

    private StoreWriter() {
    }

    public static void main(String[] args) throws Exception {
        PluginStore store = PluginStores.open(Path.of(args[0]), 1);
        int start = Integer.parseInt(args[1]);
        for (int i = start; ; i++) {
            PluginId id = new PluginId("crash/p" + (i % 3), "1.0." + i);
            // Large enough that the kill often lands in the middle of writing a module.
            byte[] module = Plugins.module(id.toString(), 256 * 1024 + i);
            InstalledPlugin plugin = Plugins.plugin(id, module);
            store.put(plugin, module);
            System.out.println("stored " + id);
            System.out.flush();
        }
    }
}
