package org.assessmentruntime.enginewasmtime.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The guest's descriptors as the host sees them: those it was given (stdin, stdout, stderr and the
 * granted directories from fd 3 on) and those it opened itself ({@code path_open}), at most the run's
 * {@code maxOpenFiles} of the latter at once. Each opened one holds a host file descriptor until it is
 * closed, so a guest opening files in a loop would otherwise exhaust the JVM's descriptors and starve the
 * whole runtime. Given descriptors are not counted: the guest did not open them and cannot multiply them.
 *
 * <p>wasmtime's WASI opens a host descriptor for every file and directory the guest opens and knows no
 * limit, so the I/O router (io-router.wat) asks here before each {@code path_open} and reports what was
 * opened, closed and renumbered. Guest descriptors are one-to-one with those host descriptors;
 * disposing the run's store frees whatever is still open when the run ends. Knowing which descriptors
 * exist also lets the router give the errno WASI specifies where wasmtime 7's WASI gives another one
 * (see io-router.wat).
 */
final class OpenFiles {

    /** The name of a given descriptor that is not a granted directory. */
    private static final String STDIO = "";

    private final int max;
    private final Set<Integer> open = new HashSet<>();
    /** Given descriptors still open, with the guest path of each granted directory. */
    private final Map<Integer, String> given = new HashMap<>();

    /**
     * @param max       how many descriptors the guest may open at once
     * @param preopens  the guest paths of the granted directories, which are fd 3, 4, ... in this order
     */
    OpenFiles(int max, List<String> preopens) {
        this.max = max;
        for (int fd = 0; fd < 3; fd++) {
            given.put(fd, STDIO);
        }
        for (int i = 0; i < preopens.size(); i++) {
            given.put(3 + i, preopens.get(i));
        }
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
        given.remove(fd);
    }

    /** The guest moved {@code from} onto {@code to}, which closed what {@code to} was. */
    void renumbered(int from, int to) {
        if (from == to) {
            return;
        }
        open.remove(to);
        given.remove(to);
        if (open.remove(from)) {
            open.add(to);
        }
        String name = given.remove(from);
        if (name != null) {
            given.put(to, name);
        }
    }

    /** Whether {@code fd} is open now, given or opened. */
    boolean isOpen(int fd) {
        return open.contains(fd) || given.containsKey(fd);
    }

    /** The guest path of the granted directory at {@code fd}; null if {@code fd} is none. */
    String preopenName(int fd) {
        String name = given.get(fd);
        return name == null || name.equals(STDIO) ? null : name;
    }

    /** Descriptors the guest holds open now, of those it opened. */
    int count() {
        return open.size();
    }
}
