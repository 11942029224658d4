package org.assessmentruntime.pluginmanager.internal;

import java.nio.file.Path;
import java.util.List;

import org.assessmentruntime.api.model.PluginRef;
import org.assessmentruntime.pluginstore.PluginStores;

/**
 * A separate JVM that installs one plugin from a registry, for the test that kills it in the middle
 * of the download: {@code InstallChild STORE REGISTRY_URL KEYS_FILE LOCK_FILE NAME@CONSTRAINT}.
 */
public final class InstallChild {

    private InstallChild() {
    }

    public static void main(String[] args) throws Exception {
        PluginManagerService manager = new PluginManagerService(PluginStores.open(Path.of(args[0]), 10),
                new Settings(List.of(), false, List.of(),
                        new RegistryInstaller.Config(args[1], Path.of(args[2]), Path.of(args[3]))));
        System.out.println("installed " + manager.install(PluginRef.parse(args[4])).descriptor().id());
    }
}
