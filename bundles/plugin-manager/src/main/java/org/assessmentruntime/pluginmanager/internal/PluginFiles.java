package org.assessmentruntime.pluginmanager.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

import org.assessmentruntime.api.AssessmentException;

/**
 * Reads the files of a plugin from a folder anyone with write access to it may fill (the deploy folder,
 * a local plugin directory): regular files only, never through a symbolic link, and never more than a
 * cap. A link to {@code etc/host.key}, a FIFO that never ends or a device that never ends, or a
 * multi-gigabyte file must be refused with its name, not followed, waited on or read into the heap.
 */
final class PluginFiles {

    /** Larger modules are refused: no plugin module is that large (as for registry downloads). */
    static final long MAX_MODULE_BYTES = RegistryClient.MAX_BYTES;
    /** Larger manifests and signature files are refused. */
    static final long MAX_MANIFEST_BYTES = RegistryClient.MAX_JSON_BYTES;

    private PluginFiles() {
    }

    /**
     * @return the file's bytes, or null when it does not exist
     * @throws AssessmentException naming the file if it is no regular file (a symbolic link, a FIFO, a
     *                             device, a directory), larger than {@code max}, or unreadable
     */
    static byte[] read(Path file, long max) throws AssessmentException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new AssessmentException("cannot read " + file + ": " + e, e);
        }
        if (!attributes.isRegularFile()) {
            throw new AssessmentException(file + " is " + kind(attributes) + ", not a regular file: refused (plugin"
                    + " files are read as regular files only, never through a link)");
        }
        if (attributes.size() > max) {
            throw new AssessmentException(file + " is " + attributes.size() + " bytes, more than the " + max
                    + " allowed: refused");
        }
        // NOFOLLOW_LINKS again at open: the file may have been replaced by a link since it was looked at.
        // Counted while read: it may also have grown.
        try (InputStream in = Channels.newInputStream(Files.newByteChannel(file, StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS))) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.min(attributes.size(), max));
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0;) {
                if (bytes.size() + (long) n > max) {
                    throw new AssessmentException(file + " grew past the " + max + " bytes allowed while read:"
                            + " refused");
                }
                bytes.write(buffer, 0, n);
            }
            return bytes.toByteArray();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new AssessmentException("cannot read " + file + " (it must be a regular file, not a link): " + e, e);
        }
    }

    private static String kind(BasicFileAttributes attributes) {
        if (attributes.isSymbolicLink()) {
            return "a symbolic link";
        }
        if (attributes.isDirectory()) {
            return "a directory";
        }
        return "a special file (FIFO, socket or device)";
    }
}
