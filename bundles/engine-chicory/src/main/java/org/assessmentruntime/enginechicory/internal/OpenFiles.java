package org.assessmentruntime.enginechicory.internal;

import java.util.HashSet;
import java.util.Set;

/**
 * The descriptors a guest opened itself ({@code path_open}), at most the run's {@code maxOpenFiles} at
 * once. Each one holds a host resource (a regular file holds a host file descriptor until it is
 * closed), so a guest opening files in a loop would otherwise exhaust the JVM's descriptors and starve
 * the whole runtime. Stdin, stdout, stderr and the granted directories are not counted: the guest did
 * not open them and cannot multiply them.
 *
 * <p>Counts guest descriptors as Chicory hands them out, which are one-to-one with the host resources
 * behind them; {@link WasiSandbox#close()} frees whatever is still open when the run ends.
 */
final class OpenFiles {

    private final int max;
    private final Set<Integer> open = new HashSet<>();

    OpenFiles(int max) {
        this.max = max;
    }

    /** Whether another open must be refused ({@code EMFILE}). */
    boolean full() {
        return open.size() >= max;
    }

    /** The guest opened {@code fd}. */
    void opened(int fd) {
        open.add(fd);
    }

    /** The guest closed {@code fd}. */
    void closed(int fd) {
        open.remove(fd);
    }

    /** The guest moved {@code from} onto {@code to}, which closed what {@code to} was. */
    void renumbered(int from, int to) {
        if (from != to) {
            open.remove(to);
            if (open.remove(from)) {
                open.add(to);
            }
        }
    }

    /** Descriptors the guest holds open now. */
    int count() {
        return open.size();
    }
}
