package org.assessmentruntime.api.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The runtime's stable id: a UUID created once and kept in the data directory, so that results and
 * heartbeats name the same runtime across restarts. Read by {@link RuntimeIdentityService}; creation is
 * atomic so that concurrent first reads (e.g. a component reactivated while another start is under way)
 * agree on one id.
 */
final class RuntimeIds {

    static final String FILE = "runtime-id";

    private RuntimeIds() {
    }

    /** Reads the id kept in {@code dir}, creating it (atomically) on first use. */
    static String load(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (Files.exists(file)) {
            String id = Files.readString(file, StandardCharsets.UTF_8).strip();
            try {
                return UUID.fromString(id).toString();
            } catch (IllegalArgumentException e) {
                throw new IOException(file + " does not hold a UUID but '" + id + "'; delete it to create a new id",
                        e);
            }
        }
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, FILE, ".tmp");
        try {
            Files.writeString(temp, UUID.randomUUID() + "\n", StandardCharsets.UTF_8);
            publish(temp, file);
        } finally {
            Files.deleteIfExists(temp);
        }
        return load(dir);
    }

    /**
     * Puts the complete file in place unless an id is there already. A hard link, unlike a rename,
     * fails when the target exists: with a rename (which replaces on POSIX) two racing starts would
     * each return their own id, and the second would silently replace the first's.
     */
    private static void publish(Path temp, Path file) throws IOException {
        try {
            Files.createLink(file, temp);
        } catch (FileAlreadyExistsException e) {
            // Another start won; both read its id.
        } catch (UnsupportedOperationException | FileSystemException e) {
            // A file system without hard links: a move that never replaces, checked less atomically.
            try {
                Files.move(temp, file);
            } catch (FileAlreadyExistsException lost) {
                // Another start won.
            }
        }
    }
}
