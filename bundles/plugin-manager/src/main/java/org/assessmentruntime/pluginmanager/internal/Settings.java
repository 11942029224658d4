package org.assessmentruntime.pluginmanager.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The configuration, expanded.
 *
 * @param localDirectories   directories to install local plugins from
 * @param allowUnsignedLocal whether unsigned local plugins are installed
 * @param problems           configured directories (or registry settings) that could not be used
 * @param registry           the plugin registry, or null when none is configured
 */
record Settings(List<Path> localDirectories, boolean allowUnsignedLocal, List<Rejection> problems,
        RegistryInstaller.Config registry) {

    Settings {
        localDirectories = List.copyOf(localDirectories);
        problems = List.copyOf(problems);
    }

    /** Without a registry. */
    Settings(List<Path> localDirectories, boolean allowUnsignedLocal, List<Rejection> problems) {
        this(localDirectories, allowUnsignedLocal, problems, null);
    }

    static Settings from(ManagerConfig config) {
        List<Path> directories = new ArrayList<>();
        List<Rejection> problems = new ArrayList<>();
        List<String> entries = new ArrayList<>();
        // A .cfg file gives one comma-separated string; metatype and JSON configurations give an array.
        for (String value : config.localDirectories() == null ? new String[0] : config.localDirectories()) {
            entries.addAll(value == null ? List.of() : List.of(value.split(",")));
        }
        for (String entry : entries) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                directories.add(Path.of(Placeholders.expand(entry.strip())));
            } catch (IllegalArgumentException e) {
                // InvalidPathException is one too.
                problems.add(new Rejection(entry, "cannot use this local plugin directory: " + e.getMessage()));
            }
        }
        return new Settings(directories, config.allowUnsignedLocal(), problems, registry(config, problems));
    }

    /** Files are only looked at when a registry is configured. */
    private static RegistryInstaller.Config registry(ManagerConfig config, List<Rejection> problems) {
        String url = config.registryUrl() == null ? "" : config.registryUrl().strip();
        String oci = config.ociRegistry() == null ? "" : config.ociRegistry().strip();
        if (!oci.isEmpty()) {
            if (!url.isEmpty()) {
                problems.add(new Rejection(oci, "ociRegistry and registryUrl are both set: ociRegistry ignored;"
                        + " configure one plugin registry"));
            } else if (!oci.startsWith(OciClient.SCHEME)) {
                problems.add(new Rejection(oci, "cannot use this OCI registry: it must be oci://HOST[:PORT][/PREFIX]"));
                return null;
            } else {
                url = oci;
            }
        }
        if (url.isEmpty()) {
            return null;
        }
        try {
            String keys = config.trustedKeysFile() == null ? "" : config.trustedKeysFile().strip();
            String lock = config.lockFile() == null || config.lockFile().isBlank() ? "${karaf.etc}/plugins.lock.json"
                    : config.lockFile().strip();
            return new RegistryInstaller.Config(Placeholders.expand(url),
                    keys.isEmpty() ? null : Path.of(Placeholders.expand(keys)), Path.of(Placeholders.expand(lock)));
        } catch (IllegalArgumentException e) {
            problems.add(new Rejection(url, "cannot use this plugin registry: " + e.getMessage()));
            return null;
        }
    }
}
