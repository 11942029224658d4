package org.assessmentruntime.resultscollector.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * MVStore's file system {@value #SCHEME}{@code :}: files on disk, opened as {@link UninterruptibleFile}.
 *
 * <p>MVStore's default opens a {@link FileChannel}, which the JDK closes for good when a thread is
 * interrupted during its I/O; the store then fails every later read and write until it is reopened. Any
 * thread may call the collector (a job runner's worker being cancelled, a shell command stopped with
 * Ctrl-C), so one interrupt would stop result storage for everyone.
 */
public final class UninterruptibleFilePath extends FilePathWrapper {

    /** Prefix of file names in this file system. */
    static final String SCHEME = "nointr";

    static {
        // H2's registry of file systems is static; this bundle's copy of H2 is private, so it is ours alone.
        FilePath.register(new UninterruptibleFilePath());
    }

    /** For H2, which creates one per path reflectively. */
    public UninterruptibleFilePath() {
    }

    /** The name of a file in this file system; registers it on first use. */
    static String name(Path file) {
        return SCHEME + ":" + file;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        return new UninterruptibleFile(Path.of(unwrap().name), mode);
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }
}
