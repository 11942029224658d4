package org.assessmentruntime.wasmexecutor.internal;

import org.assessmentruntime.api.WasmEngine.PreparedModule;

/**
 * One run's use of a cached compiled module. Closing the lease releases the module; the module itself
 * is closed once it was evicted and no lease is open.
 */
final class Lease implements AutoCloseable {

    private final Shared shared;
    private boolean closed;

    private Lease(Shared shared) {
        this.shared = shared;
    }

    /** The compiled module. */
    PreparedModule module() {
        return shared.module;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            shared.release();
        }
    }

    /** A compiled module with a count of the leases open on it. */
    static final class Shared {

        private final PreparedModule module;
        private int leases;
        private boolean retired;

        Shared(PreparedModule module) {
            this.module = module;
        }

        /** A new lease, or null once the module was retired. */
        synchronized Lease lease() {
            if (retired) {
                return null;
            }
            leases++;
            return new Lease(this);
        }

        /** No new leases; the module closes when the last open lease does. */
        synchronized void retire() {
            retired = true;
            closeIfUnused();
        }

        private synchronized void release() {
            leases--;
            closeIfUnused();
        }

        private void closeIfUnused() {
            if (retired && leases == 0) {
                module.close();
            }
        }
    }
}
