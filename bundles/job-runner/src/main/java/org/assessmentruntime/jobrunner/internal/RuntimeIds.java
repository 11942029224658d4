package org.assessmentruntime.jobrunner.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * The runtime's stable id: a UUID created once and kept in the data directory, so that results (and
 * later heartbeats) name the same runtime across restarts.
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
        Files.writeString(temp, UUID.randomUUID() + "\n", StandardCharsets.UTF_8);
        try {
            // Two starts racing: the first rename wins and both then read the same id.
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            if (!Files.exists(file)) {
                throw e;
            }
        }
        return load(dir);
    }
}
