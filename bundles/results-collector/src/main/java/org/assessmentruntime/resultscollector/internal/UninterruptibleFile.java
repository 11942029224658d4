package org.assessmentruntime.resultscollector.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.h2.store.fs.FileBaseDefault;
import org.h2.store.fs.FileUtils;

/**
 * A file channel over an {@link AsynchronousFileChannel}, which, unlike a {@code FileChannel}, is not
 * closed when the thread doing I/O is interrupted. Each read and write waits for its completion; an
 * interrupt while waiting is kept for the caller but does not cut the I/O short.
 */
final class UninterruptibleFile extends FileBaseDefault {

    private final AsynchronousFileChannel channel;

    UninterruptibleFile(Path file, String mode) throws IOException {
        // Created 0600 (see PrivateFiles): the permissions come with the create, never after it.
        channel = AsynchronousFileChannel.open(file, FileUtils.modeToOptions(mode), null,
                PrivateFiles.file());
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return complete(channel.read(dst, position));
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        return complete(channel.write(src, position));
    }

    @Override
    protected void implTruncate(long size) throws IOException {
        channel.truncate(size);
    }

    @Override
    public long size() throws IOException {
        return channel.size();
    }

    @Override
    public void force(boolean metaData) throws IOException {
        channel.force(metaData);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return channel.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        channel.close();
    }

    private static int complete(Future<Integer> io) throws IOException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return io.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof IOException cause ? cause : new IOException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
