package org.assessmentruntime.resultscollector.internal;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stored results a store's readers skipped because a record of theirs could not be read: damaged
 * bytes, or JSON an incompatible runtime wrote. One such record must never fail a whole query, run
 * summary, export or delivery round, so readers skip it, and this counts it (once per result, however
 * often it is met) and logs it once with its key, so that operators learn of it from the collector's
 * health. The records themselves are left in the store, untouched, for inspection.
 *
 * <p>Thread-safe: readers do not lock.
 */
final class UnreadableRecords {

    private static final Logger LOG = LoggerFactory.getLogger(UnreadableRecords.class);

    /** Results remembered (to count each once); past this, a damaged store would only fill the heap. */
    static final int REMEMBERED = 10_000;

    private final Path file;
    private final Set<Long> seqs = ConcurrentHashMap.newKeySet();
    private volatile String first;
    private volatile boolean more;

    UnreadableRecords(Path file) {
        this.file = file;
    }

    /**
     * Counts and logs (the first time) a record that could not be read.
     *
     * @param map   the map it is in
     * @param seq   its key there: the result's sequence number
     * @param cause why it could not be read
     */
    void skipped(String map, long seq, RuntimeException cause) {
        if (seqs.size() >= REMEMBERED) {
            more = true;
            return;
        }
        if (seqs.add(seq)) {
            String what = "record " + seq + " of map '" + map + "': " + (cause.getMessage() == null ? cause.toString()
                    : cause.getMessage());
            if (first == null) {
                first = what;
            }
            LOG.warn("Skipped an unreadable stored result in {} ({}); it stays in the store for inspection",
                    file, what);
        }
    }

    /** How many stored results were skipped since the store was opened (at least this many, if over). */
    long count() {
        return seqs.size();
    }

    /** The alarm, in a line; empty when nothing was skipped. */
    Optional<String> alarm() {
        long count = count();
        if (count == 0) {
            return Optional.empty();
        }
        return Optional.of((more ? "more than " : "") + count + " unreadable stored results skipped by queries and "
                + "delivery (kept in " + file + " for inspection; the first: " + first + ")");
    }
}
