package org.assessmentruntime.resultscollector.internal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Moves a damaged store file aside, so that a fresh store can take its place and runs go on being
 * stored: renamed within its directory, with the time as suffix, never deleted, since it may still hold
 * results that were not delivered and is what an investigation needs.
 */
final class DamagedStores {

    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private DamagedStores() {
    }

    /**
     * Renames {@code file} to {@code file.damaged-<time>} (with {@code -2}, {@code -3}… if taken).
     *
     * @return where it is now
     * @throws IOException if it cannot be renamed
     */
    static Path moveAside(Path file, Instant now) throws IOException {
        String base = file.getFileName() + ".damaged-" + SUFFIX.format(now);
        Path target = file.resolveSibling(base);
        for (int n = 2; Files.exists(target, LinkOption.NOFOLLOW_LINKS); n++) {
            if (n > 1000) {
                throw new FileAlreadyExistsException(target.toString(), null, "too many damaged stores moved aside");
            }
            target = file.resolveSibling(base + "-" + n);
        }
        // A rename within the directory (atomic, the same inode); checked first because a rename on POSIX
        // would silently replace an earlier one. The directory is the collector's own.
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        PrivateFiles.restrict(target);
        return target;
    }
}
