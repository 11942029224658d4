package org.assessmentruntime.scheduler.internal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes the scheduler's state files (fire times, job-id owners) whole and owner-only.
 *
 * <p>Owner-only (0600, directory 0700) because they name every job and when it runs, which tells a
 * local user when the host is checked; nobody but the runtime's own user needs to read them. The mode is
 * set when the temporary file is created, not afterwards, so the content is never readable by others
 * for a moment. Written through a temporary file and an atomic move, so a crash leaves the old or the
 * new version, never half of one. On a file system without POSIX permissions the platform's defaults apply.
 */
final class StateFiles {

    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private StateFiles() {
    }

    /**
     * Replaces a file with the given content.
     *
     * @throws IOException if it cannot be written; the old version then stays
     */
    static void write(Path file, byte[] content) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        boolean posix = Files.getFileStore(existingAncestor(directory)).supportsFileAttributeView("posix");
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, posix ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(DIRECTORY) } : new FileAttribute<?>[0]);
        }
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        // A temporary file left by a crash may have other permissions: start afresh.
        Files.deleteIfExists(temp);
        try {
            if (posix) {
                Files.createFile(temp, PosixFilePermissions.asFileAttribute(FILE));
            } else {
                Files.createFile(temp);
            }
        } catch (FileAlreadyExistsException e) {
            throw new IOException("another writer is writing " + file + " at the same time", e);
        }
        try {
            Files.write(temp, content);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    private static Path existingAncestor(Path directory) {
        Path existing = directory;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing == null ? directory.getRoot() : existing;
    }
}
