package org.assessmentruntime.pluginstore.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.api.model.PluginId;

/**
 * One file per stored version, {@code records/<namespace>+<name>@<version>.json}, holding the same
 * entry as the index. The index is the truth; the records are there so that a lost or damaged index can
 * be rebuilt instead of losing every plugin with one file.
 */
final class Records {

    private static final String SUFFIX = ".json";

    private final Path dir;

    Records(Path storeDirectory) throws IOException {
        this.dir = storeDirectory.resolve("records");
        AtomicFiles.createDirectories(dir);
    }

    /** Plugin names hold one '/', never a '+' (see PluginId.NAME_PATTERN), so the name is unambiguous. */
    Path path(PluginId id) {
        return dir.resolve(id.name().replace('/', '+') + "@" + id.version() + SUFFIX);
    }

    void write(InstalledPlugin plugin) throws IOException {
        AtomicFiles.write(path(plugin.id()), StoreJson.record(plugin));
    }

    void delete(PluginId id) throws IOException {
        AtomicFiles.delete(path(id));
    }

    /** Makes the records match the index: writes the missing ones, deletes the extra ones. */
    void reconcile(StoreIndex index) throws IOException {
        Set<Path> expected = new HashSet<>();
        for (InstalledPlugin plugin : index.all()) {
            Path path = path(plugin.id());
            expected.add(path);
            if (!Files.exists(path)) {
                write(plugin);
            }
        }
        for (Path file : files()) {
            if (!expected.contains(file)) {
                AtomicFiles.delete(file);
            }
        }
    }

    /**
     * Reads every record, for a rebuild.
     *
     * @param problems receives one line for each record that cannot be read
     * @return the readable records
     */
    List<InstalledPlugin> readAll(List<String> problems) throws IOException {
        List<InstalledPlugin> plugins = new ArrayList<>();
        for (Path file : files()) {
            try {
                InstalledPlugin plugin = StoreJson.readRecord(Files.readAllBytes(file));
                if (!path(plugin.id()).equals(file)) {
                    problems.add(file + ": holds " + plugin.id() + ", which belongs in " + path(plugin.id()));
                } else {
                    plugins.add(plugin);
                }
            } catch (StoreJson.CorruptException e) {
                problems.add(file + ": " + e.getMessage());
            }
        }
        return plugins;
    }

    boolean isEmpty() throws IOException {
        return files().isEmpty();
    }

    /** @return the bytes freed */
    long deleteTemporaries() throws IOException {
        return AtomicFiles.deleteTemporaries(dir);
    }

    private List<Path> files() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path file : stream) {
                if (!file.getFileName().toString().startsWith(AtomicFiles.TEMP_PREFIX)) {
                    files.add(file);
                }
            }
        }
        return files;
    }
}
