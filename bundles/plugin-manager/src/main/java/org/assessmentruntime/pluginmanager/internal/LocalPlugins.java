package org.assessmentruntime.pluginmanager.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.assessmentruntime.pluginstore.PluginPackage;

/** Finds the plugin directories in the configured local directories. */
final class LocalPlugins {

    /**
     * What a scan found.
     *
     * @param plugins  candidate plugin directories, in order
     * @param rejected configured directories that could not be scanned
     */
    record Scan(List<Path> plugins, List<Rejection> rejected) {
    }

    private LocalPlugins() {
    }

    /**
     * A configured directory holding {@value PluginPackage#MANIFEST} is a plugin itself; otherwise each
     * of its sub-directories is a candidate (hidden ones excepted), whether or not it holds a plugin,
     * so that a broken one is reported rather than silently ignored.
     */
    static Scan scan(List<Path> directories) {
        List<Path> plugins = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        for (Path dir : directories) {
            if (!Files.isDirectory(dir)) {
                rejected.add(new Rejection(dir.toString(), "local plugin directory does not exist or is not a directory"));
            } else if (Files.isRegularFile(dir.resolve(PluginPackage.MANIFEST))) {
                plugins.add(dir);
            } else {
                try (Stream<Path> children = Files.list(dir)) {
                    children.filter(Files::isDirectory).filter(c -> !c.getFileName().toString().startsWith("."))
                            .sorted().forEach(plugins::add);
                } catch (IOException e) {
                    rejected.add(new Rejection(dir.toString(), "cannot list the local plugin directory: " + e));
                }
            }
        }
        return new Scan(plugins, rejected);
    }
}
