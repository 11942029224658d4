package org.assessmentruntime.pluginstore.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.assessmentruntime.api.model.Digest;

/** The modules, each stored once as {@code blobs/sha256/<hex>}, named by the SHA-256 of its bytes. */
final class Blobs {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    private final Path dir;

    Blobs(Path storeDirectory) throws IOException {
        this.dir = storeDirectory.resolve("blobs").resolve(Digest.SHA256);
        AtomicFiles.createDirectories(dir);
    }

    Path path(Digest digest) {
        return dir.resolve(digest.hex());
    }

    /** @throws NoSuchFileException if the module is not stored */
    byte[] read(Digest digest) throws IOException {
        return Files.readAllBytes(path(digest));
    }

    /** Whether the module is stored and its bytes still match its digest. */
    boolean intact(Digest digest) throws IOException {
        try {
            return digest.matches(read(digest));
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /**
     * Stores a module whose digest the caller checked. An intact copy is kept as it is (content
     * addressing: same name, same bytes); a damaged one is replaced, which is how reinstalling a
     * plugin repairs the store.
     */
    void write(Digest digest, byte[] module) throws IOException {
        if (!intact(digest)) {
            AtomicFiles.write(path(digest), module);
        }
    }

    /** @return the bytes freed */
    long delete(Digest digest) throws IOException {
        return AtomicFiles.delete(path(digest));
    }

    /** The digests of every stored module. */
    List<Digest> list() throws IOException {
        List<Digest> digests = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (HEX64.matcher(name).matches()) {
                    digests.add(new Digest(Digest.SHA256, name));
                }
            }
        }
        return digests;
    }

    /** @return the bytes freed */
    long deleteTemporaries() throws IOException {
        return AtomicFiles.deleteTemporaries(dir);
    }
}
