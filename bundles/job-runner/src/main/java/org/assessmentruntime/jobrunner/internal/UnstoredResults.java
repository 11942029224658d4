package org.assessmentruntime.jobrunner.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.assessmentruntime.api.model.AssessmentResult;

/**
 * Results that could not be stored when their run ended (no results collector within the service wait,
 * or the collector failed, e.g. while its store is being recovered), kept in memory to be stored with
 * a later run instead of being dropped. Bounded, in count and in tries: memory is not a store, and a
 * result the collector refuses for good must not be retried forever. Thread-safe.
 */
final class UnstoredResults {

    /** Most results kept; a further one evicts the oldest. */
    static final int CAPACITY = 100;

    /** Tries of storing a kept result (besides the first, failed one) before it is given up. */
    static final int MAX_ATTEMPTS = 10;

    private final Map<UUID, Kept> kept = new LinkedHashMap<>();

    /**
     * Keeps a result (again, if it is already kept).
     *
     * @return the oldest result, evicted to make room; {@code null} if none was
     */
    synchronized AssessmentResult add(AssessmentResult result) {
        kept.putIfAbsent(result.resultId(), new Kept(result));
        if (kept.size() <= CAPACITY) {
            return null;
        }
        UUID oldest = kept.keySet().iterator().next();
        return kept.remove(oldest).result;
    }

    /** @return the kept results, oldest first */
    synchronized List<AssessmentResult> snapshot() {
        return kept.values().stream().map(k -> k.result).toList();
    }

    /** A kept result is stored. */
    synchronized void remove(AssessmentResult result) {
        kept.remove(result.resultId());
    }

    /**
     * A kept result failed to store once more.
     *
     * @return whether it has had its tries and is given up (no longer kept)
     */
    synchronized boolean failedAgain(AssessmentResult result) {
        Kept k = kept.get(result.resultId());
        if (k == null || ++k.attempts < MAX_ATTEMPTS) {
            return false;
        }
        kept.remove(result.resultId());
        return true;
    }

    synchronized int size() {
        return kept.size();
    }

    /** @return every kept result, no longer kept */
    synchronized List<AssessmentResult> drain() {
        List<AssessmentResult> all = new ArrayList<>(snapshot());
        kept.clear();
        return all;
    }

    private static final class Kept {
        private final AssessmentResult result;
        private int attempts;

        Kept(AssessmentResult result) {
            this.result = result;
        }
    }
}
