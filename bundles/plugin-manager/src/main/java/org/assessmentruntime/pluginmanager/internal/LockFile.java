package org.assessmentruntime.pluginmanager.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.PluginId;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The lock file: name → version and SHA-256 of every plugin installed from a registry, so that every
 * runtime of a fleet runs the same bytes. Written atomically (temp file, fsync, rename).
 *
 * <pre>{"lockVersion": 1, "plugins": {"acme/x": {"version": "1.2.0", "sha256": "…"}}}</pre>
 * An entry installed from an OCI registry also has {@code "ociManifest": "sha256:…"}.
 */
final class LockFile {

    static final int LOCK_VERSION = 1;
    private static final ObjectWriter WRITER = Json.MAPPER.writer(SerializationFeature.INDENT_OUTPUT);

    /**
     * One locked plugin.
     *
     * @param ociManifest digest ({@code sha256:…}) of the OCI image manifest it was pulled by, or null
     */
    record Entry(String version, Digest digest, String ociManifest) {

        Entry(String version, Digest digest) {
            this(version, digest, null);
        }
    }

    private final Path file;

    LockFile(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    Optional<Entry> get(String name) throws AssessmentException {
        return Optional.ofNullable(read().get(name));
    }

    /** @throws AssessmentException if the file exists but is not a valid lock file */
    Map<String, Entry> read() throws AssessmentException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new TreeMap<>();
        } catch (IOException e) {
            throw new AssessmentException("cannot read the plugin lock file " + file + ": " + e, e);
        }
        Map<String, Entry> entries = new TreeMap<>();
        try {
            JsonNode root = Json.MAPPER.readTree(bytes);
            if (root == null || root.path("lockVersion").asInt() != LOCK_VERSION || !root.path("plugins").isObject()) {
                throw new IllegalArgumentException("expected {\"lockVersion\": " + LOCK_VERSION
                        + ", \"plugins\": {…}}");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = root.get("plugins").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                PluginId id = new PluginId(field.getKey(), field.getValue().path("version").asText(null));
                String ociManifest = field.getValue().path("ociManifest").asText(null);
                if (ociManifest != null && !ociManifest.matches("sha256:[0-9a-f]{64}")) {
                    throw new IllegalArgumentException(id + ": \"ociManifest\" is no sha256:<64 hex> digest");
                }
                entries.put(id.name(), new Entry(id.version(),
                        new Digest(Digest.SHA256, field.getValue().path("sha256").asText("")), ociManifest));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new AssessmentException("the plugin lock file " + file + " is invalid: " + e.getMessage(), e);
        }
        return entries;
    }

    /** Records one plugin's version and digest, keeping the others. */
    void put(String name, String version, Digest digest) throws AssessmentException {
        put(name, version, digest, null);
    }

    /** As {@link #put(String, String, Digest)}, with the OCI manifest digest (or null). */
    void put(String name, String version, Digest digest, String ociManifest) throws AssessmentException {
        Map<String, Entry> entries = read();
        entries.put(name, new Entry(version, digest, ociManifest));
        write(entries);
    }

    private void write(Map<String, Entry> entries) throws AssessmentException {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("lockVersion", LOCK_VERSION);
        ObjectNode plugins = root.putObject("plugins");
        entries.forEach((name, entry) -> {
            ObjectNode plugin = plugins.putObject(name).put("version", entry.version())
                    .put("sha256", entry.digest().hex());
            if (entry.ociManifest() != null) {
                plugin.put("ociManifest", entry.ociManifest());
            }
        });
        Path dir = file.toAbsolutePath().getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            Files.write(temp, WRITER.writeValueAsBytes(root));
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
            try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
                channel.force(true);
            } catch (IOException e) {
                // Not every platform can sync a directory.
            }
        } catch (IOException e) {
            throw new AssessmentException("cannot write the plugin lock file " + file + ": " + e, e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // Best effort.
                }
            }
        }
    }
}
