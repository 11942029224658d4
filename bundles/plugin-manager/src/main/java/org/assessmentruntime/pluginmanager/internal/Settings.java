package org.assessmentruntime.pluginmanager.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The configuration, expanded.
 *
 * @param localDirectories   directories to install local plugins from
 * @param allowUnsignedLocal whether unsigned local plugins are installed
 * @param problems           configured directories that could not be used
 */
record Settings(List<Path> localDirectories, boolean allowUnsignedLocal, List<Rejection> problems) {

    Settings {
        localDirectories = List.copyOf(localDirectories);
        problems = List.copyOf(problems);
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
        return new Settings(directories, config.allowUnsignedLocal(), problems);
    }
}
