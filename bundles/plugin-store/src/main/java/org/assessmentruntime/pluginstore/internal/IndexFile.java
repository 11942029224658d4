package org.assessmentruntime.pluginstore.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The index file, {@code index.json}: written whole and atomically, and read again only when it was
 * replaced, by this handle or by another (process), which one stat tells: every atomic write is a new
 * file, with a new file key.
 */
final class IndexFile {

    private final Path file;
    private volatile Snapshot snapshot = new Snapshot(StoreIndex.EMPTY, null);

    /** An index as read, with the identity of the file it came from. */
    private record Snapshot(StoreIndex index, String fileId) {
    }

    IndexFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /**
     * The index as on disk now.
     *
     * @throws NoSuchFileException                   if it was never written (or was lost)
     * @throws StoreJson.CorruptException            if it is damaged
     * @throws StoreJson.UnsupportedFormatException  if a later runtime wrote it
     */
    StoreIndex read() throws IOException {
        String fileId = fileId();
        Snapshot last = snapshot;
        if (fileId.equals(last.fileId())) {
            return last.index();
        }
        StoreIndex index = StoreJson.readIndex(Files.readAllBytes(file));
        snapshot = new Snapshot(index, fileId);
        return index;
    }

    /** Like {@link #read()}, but an index never written is the empty one. */
    StoreIndex current() throws IOException {
        try {
            return read();
        } catch (NoSuchFileException e) {
            return StoreIndex.EMPTY;
        }
    }

    /** The index last read or written, without I/O. */
    StoreIndex last() {
        return snapshot.index();
    }

    /** Replaces the index; the rename is the commit point of every change to the store. */
    void write(StoreIndex index) throws IOException {
        AtomicFiles.write(file, StoreJson.index(index));
        snapshot = new Snapshot(index, fileId());
    }

    private String fileId() throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return attributes.fileKey() + "/" + attributes.lastModifiedTime().toMillis() + "/" + attributes.size();
    }
}
