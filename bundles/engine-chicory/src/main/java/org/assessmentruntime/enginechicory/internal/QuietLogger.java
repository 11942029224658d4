package org.assessmentruntime.enginechicory.internal;

import com.dylibso.chicory.log.Logger;

/**
 * Discards Chicory's WASI logging. Its messages describe what the guest asked for (every call at trace
 * level, unsupported calls at error level), so a hostile guest could otherwise flood the runtime's log;
 * what a run did is reported in its outcome instead.
 */
final class QuietLogger implements Logger {

    static final QuietLogger INSTANCE = new QuietLogger();

    private QuietLogger() {
    }

    @Override
    public void log(Level level, String msg, Throwable throwable) {
        // discarded, see class comment
    }

    @Override
    public boolean isLoggable(Level level) {
        return false;
    }
}
