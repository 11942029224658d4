package org.assessmentruntime.enginechicory.internal;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

import org.assessmentruntime.api.model.FailureKind;

/**
 * Collects what a guest writes to stdout or stderr, up to a cap. Past the cap it keeps the first bytes
 * and either drops the rest (stderr: diagnostics are only truncated) or throws {@link LimitExceeded}
 * (stdout: the run ends at once, rather than after the guest has written all it wanted).
 */
final class CappedOutput extends OutputStream {

    // A byte array cannot hold more; larger caps are as good as unlimited here.
    private static final long LARGEST = Integer.MAX_VALUE - 8;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final String name;
    private final long cap;
    private final boolean failWhenFull;
    private boolean truncated;

    private CappedOutput(String name, long cap, boolean failWhenFull) {
        this.name = name;
        this.cap = Math.min(cap, LARGEST);
        this.failWhenFull = failWhenFull;
    }

    /** Stdout: going past the cap is an OUTPUT_LIMIT failure. */
    static CappedOutput stdout(long cap) {
        return new CappedOutput("stdout", cap, true);
    }

    /** Stderr: going past the cap truncates. */
    static CappedOutput stderr(long cap) {
        return new CappedOutput("stderr", cap, false);
    }

    @Override
    public void write(int b) {
        write(new byte[] { (byte) b }, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        long room = cap - bytes.size();
        if (len <= room) {
            bytes.write(b, off, len);
            return;
        }
        bytes.write(b, off, (int) Math.max(room, 0));
        truncated = true;
        if (failWhenFull) {
            throw new LimitExceeded(FailureKind.OUTPUT_LIMIT, "wrote more than " + cap + " bytes to " + name);
        }
    }

    /** What was kept. */
    synchronized byte[] toByteArray() {
        return bytes.toByteArray();
    }

    /** Whether the guest wrote more than the cap. */
    synchronized boolean truncated() {
        return truncated;
    }
}
