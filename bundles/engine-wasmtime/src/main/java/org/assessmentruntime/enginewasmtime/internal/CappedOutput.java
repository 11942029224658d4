package org.assessmentruntime.enginewasmtime.internal;

import java.io.ByteArrayOutputStream;

/** What a guest wrote to stdout or stderr, kept up to a cap. Thread-safe for a snapshot at any time. */
final class CappedOutput {

    private final long cap;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private boolean truncated;

    CappedOutput(long cap) {
        this.cap = cap;
    }

    long cap() {
        return cap;
    }

    /** How many more bytes fit; 0 once the cap is reached. */
    synchronized long room() {
        return cap - bytes.size();
    }

    synchronized void append(byte[] data, int offset, int length) {
        bytes.write(data, offset, length);
    }

    synchronized void markTruncated() {
        truncated = true;
    }

    synchronized boolean truncated() {
        return truncated;
    }

    synchronized byte[] toByteArray() {
        return bytes.toByteArray();
    }
}
