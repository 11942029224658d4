package org.assessmentruntime.resultscollector.internal;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files only their owner may read: results carry what plugins saw on the host (configuration, users,
 * certificates), so the store, what is moved aside of it and exports are created {@code 0600} and the
 * directories created for them {@code 0700}. Set at creation, as an attribute of the create call, so
 * that there is no moment in which another local user could open them; where the file system has no
 * POSIX permissions (Windows), its defaults apply.
 */
public final class PrivateFiles {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {
    }

    /** Attributes that create a file {@code 0600}; none without POSIX permissions. */
    static FileAttribute<?>[] file() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
    }

    /** Creates a directory and its missing parents, those created {@code 0700}; existing ones stay as they are. */
    static void createDirectories(Path directory) throws IOException {
        if (POSIX) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(DIRECTORY));
        } else {
            Files.createDirectories(directory);
        }
    }

    /**
     * Takes the permissions of group and others from an existing file (one created by an earlier runtime,
     * or copied in).
     */
    static void restrict(Path file) throws IOException {
        if (POSIX && Files.isRegularFile(file) && !Files.getPosixFilePermissions(file).equals(FILE)) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }

    /**
     * A new, empty temporary file beside {@code target}, {@code 0600}, to be written and then moved onto
     * it, so that readers never see half a file.
     *
     * @param target the file it will become
     * @return the temporary file
     * @throws IOException if it cannot be created
     */
    public static Path temporaryBeside(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        return Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp", file());
    }
}
