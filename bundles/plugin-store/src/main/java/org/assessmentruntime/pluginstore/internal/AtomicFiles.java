package org.assessmentruntime.pluginstore.internal;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * File writes that a crash cannot tear: the content goes to a temporary file in the target's directory,
 * is forced to disk, and is renamed over the target in one step; then the directory itself is forced,
 * so that the rename survives a power loss too. A reader sees the old file or the new one, never a mix.
 */
final class AtomicFiles {

    /** Prefix of temporary files; whatever carries it is a leftover once no write is in progress. */
    static final String TEMP_PREFIX = ".tmp-";

    private static final boolean WINDOWS = File.separatorChar == '\\';

    private AtomicFiles() {
    }

    /** Replaces (or creates) {@code target} with {@code content}, atomically and durably. */
    static void write(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        // Same directory as the target: a rename is only atomic within one file system.
        Path temp = Files.createTempFile(dir, TEMP_PREFIX, ".part");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        syncDirectory(dir);
    }

    /**
     * Deletes a file durably.
     *
     * @return the bytes freed, 0 when there was no such file
     */
    static long delete(Path file) throws IOException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            return 0;
        }
        if (Files.deleteIfExists(file)) {
            syncDirectory(file.toAbsolutePath().getParent());
            return size;
        }
        return 0;
    }

    /** Creates a directory and its missing parents, each entry forced to disk. */
    static void createDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        Files.createDirectories(absolute);
        if (parent != null) {
            syncDirectory(parent);
        }
    }

    /**
     * Deletes the temporary files an interrupted write left in a directory. Only safe while holding the
     * store's lock, when no write is in progress.
     *
     * @return the bytes freed
     */
    static long deleteTemporaries(Path dir) throws IOException {
        long freed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, TEMP_PREFIX + "*")) {
            for (Path file : files) {
                freed += delete(file);
            }
        }
        return freed;
    }

    /** Forces a directory's entries (creations, renames, deletions) to disk. */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Windows cannot open a directory as a channel; NTFS journals the rename instead.
            if (!WINDOWS) {
                throw e;
            }
        }
    }
}
