package org.assessmentruntime.enginechicory.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.Map;

/**
 * The WASI errno of a failed host file operation. Java reports most POSIX errors as a plain
 * {@link FileSystemException} whose reason is the C library's {@code strerror} text, so those are matched
 * by that text; anything unknown is {@code EIO}.
 */
final class HostErrors {

    private static final Map<String, Integer> REASONS = Map.ofEntries(
            Map.entry("Not a directory", Errno.ENOTDIR),
            Map.entry("Is a directory", Errno.EISDIR),
            Map.entry("Too many levels of symbolic links", Errno.ELOOP),
            Map.entry("Directory not empty", Errno.ENOTEMPTY),
            Map.entry("File exists", Errno.EEXIST),
            Map.entry("Invalid argument", Errno.EINVAL),
            Map.entry("Operation not permitted", Errno.EPERM),
            Map.entry("Permission denied", Errno.EACCES),
            Map.entry("No such file or directory", Errno.ENOENT),
            Map.entry("No space left on device", Errno.ENOSPC),
            Map.entry("File name too long", Errno.ENAMETOOLONG),
            Map.entry("File too large", Errno.EFBIG),
            Map.entry("Too many links", Errno.EMLINK),
            Map.entry("Read-only file system", Errno.EROFS),
            Map.entry("Device or resource busy", Errno.EBUSY),
            Map.entry("Invalid cross-device link", Errno.EXDEV));

    private HostErrors() {
    }

    static int errno(IOException e) {
        if (e instanceof NoSuchFileException) {
            return Errno.ENOENT;
        }
        if (e instanceof FileAlreadyExistsException) {
            return Errno.EEXIST;
        }
        if (e instanceof DirectoryNotEmptyException) {
            return Errno.ENOTEMPTY;
        }
        if (e instanceof NotDirectoryException) {
            return Errno.ENOTDIR;
        }
        if (e instanceof NotLinkException) {
            return Errno.EINVAL;
        }
        if (e instanceof AccessDeniedException) {
            return Errno.EACCES;
        }
        if (e instanceof AtomicMoveNotSupportedException) {
            return Errno.EXDEV;
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            // ELOOP's reason carries a suffix ("... or unable to access attributes of symbolic link").
            for (Map.Entry<String, Integer> reason : REASONS.entrySet()) {
                if (fs.getReason().startsWith(reason.getKey())) {
                    return reason.getValue();
                }
            }
        }
        return Errno.EIO;
    }
}
