package org.assessmentruntime.resultscollector.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.DeliveryBacklog;
import org.assessmentruntime.api.model.DeliveryState;
import org.assessmentruntime.api.model.ResultQuery;
import org.assessmentruntime.api.model.StoredResult;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The store's maps: results as JSON by id, their {@link Entry entries} as JSON by id, and the
 * {@link Indexes}. Reads and uncommitted changes only; locking and commits are the caller's.
 *
 * <p>Readers do not lock: a reader racing a writer may meet an index key whose entry is not there yet
 * (or any more), and skips it.
 */
final class ResultMaps {

    private final MVMap<String, String> results;
    private final MVMap<String, String> entries;
    private final Indexes indexes;

    ResultMaps(MVStore store) {
        results = Indexes.open(store, "results");
        entries = Indexes.open(store, "entries");
        indexes = new Indexes(store);
    }

    Optional<Entry> entry(UUID resultId) {
        return Optional.ofNullable(entries.get(resultId.toString())).map(json -> Json.read(json, Entry.class));
    }

    Optional<StoredResult> find(UUID resultId) {
        return entry(resultId).flatMap(this::load);
    }

    void add(Entry entry, AssessmentResult result) {
        results.put(entry.resultId().toString(), Json.write(result));
        entries.put(entry.resultId().toString(), Json.write(entry));
        indexes.add(entry);
    }

    void update(Entry from, Entry to) {
        entries.put(to.resultId().toString(), Json.write(to));
        indexes.move(from, to);
    }

    void remove(Entry entry) {
        indexes.remove(entry);
        entries.remove(entry.resultId().toString());
        results.remove(entry.resultId().toString());
    }

    /** Newest first, through the most selective index the query allows. */
    List<StoredResult> query(ResultQuery query) {
        MVMap<String, String> index = indexes.byTime;
        String prefix = "";
        if (!query.jobId().isEmpty()) {
            index = indexes.byJob;
            prefix = Keys.prefix(query.jobId());
        } else if (!query.pluginName().isEmpty()) {
            index = indexes.byPlugin;
            prefix = Keys.prefix(query.pluginName());
        } else if (query.status() != null) {
            index = indexes.byStatus;
            prefix = Keys.prefix(query.status());
        }
        // Reverse: from the newest key below the end down to the oldest at or after the start.
        return scan(index.cursor(Keys.high(prefix, query.to()), Keys.low(prefix, query.from()), true), query);
    }

    private List<StoredResult> scan(Cursor<String, String> cursor, ResultQuery query) {
        Predicate<Entry> matches = e -> (query.jobId().isEmpty() || query.jobId().equals(e.jobId()))
                && (query.pluginName().isEmpty() || query.pluginName().equals(e.pluginName()))
                && (query.status() == null || query.status() == e.status());
        List<StoredResult> found = new ArrayList<>();
        while (cursor.hasNext() && found.size() < query.limit()) {
            entry(Keys.resultId(cursor.next())).filter(matches).flatMap(this::load).ifPresent(found::add);
        }
        return found;
    }

    /** Results in a delivery state, oldest stored first. */
    List<StoredResult> inState(DeliveryState state, int limit) {
        return load(indexes.state(state).keyIterator(null), limit);
    }

    /** Results in a delivery state, newest stored first. */
    List<StoredResult> inStateNewestFirst(DeliveryState state, int limit) {
        return load(indexes.state(state).keyIteratorReverse(null), limit);
    }

    /** Delivered results stored before a time, oldest first. */
    List<Entry> deliveredBefore(Instant storedBefore, int limit) {
        List<Entry> found = new ArrayList<>();
        Cursor<String, String> cursor = indexes.state(DeliveryState.DELIVERED).cursor(null, Keys.time(storedBefore),
                false);
        while (cursor.hasNext() && found.size() < limit) {
            entry(Keys.resultId(cursor.next())).ifPresent(found::add);
        }
        return found;
    }

    List<StoredResult> run(UUID runId) {
        List<StoredResult> found = new ArrayList<>();
        String prefix = Keys.prefix(runId);
        Cursor<String, String> cursor = indexes.byRun.cursor(Keys.low(prefix, null), Keys.high(prefix, null), false);
        cursor.forEachRemaining(key -> find(Keys.resultId(key)).ifPresent(found::add));
        found.sort(Comparator.comparing(StoredResult::storedAt));
        return found;
    }

    /** Counts and the oldest pending result, from the indexes' in-memory roots. */
    DeliveryBacklog backlog() {
        MVMap<String, String> pending = indexes.state(DeliveryState.PENDING);
        String oldest = pending.firstKey();
        return new DeliveryBacklog(pending.sizeAsLong(), indexes.state(DeliveryState.PARKED).sizeAsLong(),
                oldest == null ? null : Keys.parseTime(oldest));
    }

    /** The latest storage time of any result; null when empty. */
    Instant lastStoredAt() {
        Instant last = null;
        for (DeliveryState state : DeliveryState.values()) {
            String key = indexes.state(state).lastKey();
            Instant time = key == null ? null : Keys.parseTime(key);
            last = last == null || (time != null && time.isAfter(last)) ? time : last;
        }
        return last;
    }

    private List<StoredResult> load(Iterator<String> keys, int limit) {
        List<StoredResult> found = new ArrayList<>();
        while (keys.hasNext() && found.size() < limit) {
            find(Keys.resultId(keys.next())).ifPresent(found::add);
        }
        return found;
    }

    private Optional<StoredResult> load(Entry entry) {
        return Optional.ofNullable(results.get(entry.resultId().toString()))
                .map(json -> entry.with(Json.read(json, AssessmentResult.class)));
    }
}
