package org.assessmentruntime.resultscollector.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.DeliveryBacklog;
import org.assessmentruntime.api.model.DeliveryState;
import org.assessmentruntime.api.model.ResultQuery;
import org.assessmentruntime.api.model.StoredResult;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * The store's maps. Each result gets a sequence number when it is stored, growing with every result,
 * and is kept under it in three maps: the result (JSON, never changed), its {@link Entry} (JSON, never
 * changed) and its {@link Delivery} (JSON, the only thing that changes); {@code ids} leads from a
 * result's id to its number, and the {@link Indexes} name numbers too. A fourth, {@code outgoing}, holds
 * the body delivery sends the result as (see {@link Outbox}), from when it is stored (if a delivery was
 * there to render it) until it is delivered; a result without one is rendered when it is read, so stores
 * written before this map existed need no migration.
 *
 * <p>Why numbers and not the result ids: a store serves pending results oldest first and marks them
 * delivered in batches. Under random ids each result of a batch sat on a page of its own, so reading a
 * batch decompressed a page per result and marking it delivered rewrote (and recompressed) nearly every
 * page of the map. Numbered in storage order, a batch is a run of adjacent keys: a few pages read, a
 * few small pages of deliveries rewritten, and the results themselves never.
 *
 * <p>Reads and uncommitted changes only; locking and commits are the caller's. Readers do not lock: a
 * reader racing a writer may meet an index key whose result is not there yet (or any more), and skips
 * it. A reader skips a result whose record cannot be read just the same (damage, or JSON of an
 * incompatible runtime), counted in {@link UnreadableRecords}: one bad record must not fail a whole
 * query, export or delivery round.
 */
final class ResultMaps {

    private final MVMap<String, Long> ids;
    private final MVMap<Long, byte[]> results;
    private final MVMap<Long, byte[]> entries;
    private final MVMap<Long, byte[]> deliveries;
    private final MVMap<Long, byte[]> outgoing;
    private final Indexes indexes;
    /** {@value #CONTENT_BYTES}: the bytes of results and bodies held, for the size cap. */
    private final MVMap<String, Long> stats;
    private final UnreadableRecords unreadable;

    private static final String CONTENT_BYTES = "contentBytes";

    ResultMaps(MVStore store, UnreadableRecords unreadable) {
        this.unreadable = unreadable;
        ids = store.openMap("ids", new MVMap.Builder<String, Long>().keyType(StringDataType.INSTANCE)
                .valueType(LongDataType.INSTANCE));
        results = bySeq(store, "results");
        entries = bySeq(store, "entries");
        deliveries = bySeq(store, "deliveries");
        outgoing = bySeq(store, "outgoing");
        indexes = new Indexes(store);
        stats = store.openMap("stats", new MVMap.Builder<String, Long>().keyType(StringDataType.INSTANCE)
                .valueType(LongDataType.INSTANCE));
    }

    /**
     * Counts what a store written before the size cap was counted holds (reading every result once) and
     * commits the count; nothing when it is counted already.
     */
    void countContentIfMissing(MVStore store) {
        if (stats.containsKey(CONTENT_BYTES)) {
            return;
        }
        long bytes = 0;
        for (byte[] value : results.values()) {
            bytes += value.length;
        }
        for (byte[] value : outgoing.values()) {
            bytes += value.length;
        }
        stats.put(CONTENT_BYTES, bytes);
        store.commit();
    }

    /** The bytes of the results held and of their bodies, as written. */
    long contentBytes() {
        Long bytes = stats.get(CONTENT_BYTES);
        return bytes == null ? 0 : bytes;
    }

    /** What one result adds to {@link #contentBytes()}. */
    long bytesOf(long seq) {
        return length(results.get(seq)) + length(outgoing.get(seq));
    }

    private void addContent(long delta) {
        if (delta != 0) {
            stats.put(CONTENT_BYTES, Math.max(0, contentBytes() + delta));
        }
    }

    private static long length(byte[] value) {
        return value == null ? 0 : value.length;
    }

    private static MVMap<Long, byte[]> bySeq(MVStore store, String name) {
        return store.openMap(name, new MVMap.Builder<Long, byte[]>().keyType(LongDataType.INSTANCE)
                .valueType(ByteArrayDataType.INSTANCE));
    }

    /** A result's sequence number; null when it is not stored. */
    Long seq(UUID resultId) {
        return ids.get(resultId.toString());
    }

    /** The number the next result gets: one more than the highest stored. */
    long nextSeq() {
        Long last = entries.lastKey();
        return last == null ? 0 : last + 1;
    }

    /** A result's entry; empty when it is not stored or cannot be read (then counted). */
    Optional<Entry> entry(long seq) {
        return decode("entries", seq, entries.get(seq), Entry.class);
    }

    /** A result's delivery; empty when it is not stored or cannot be read (then counted). */
    Optional<Delivery> delivery(long seq) {
        return decode("deliveries", seq, deliveries.get(seq), Delivery.class);
    }

    private <T> Optional<T> decode(String map, long seq, byte[] json, Class<T> type) {
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.read(json, type));
        } catch (RuntimeException e) {
            unreadable.skipped(map, seq, e);
            return Optional.empty();
        }
    }

    Optional<StoredResult> find(UUID resultId) {
        Long seq = seq(resultId);
        return seq == null ? Optional.empty() : load(seq);
    }

    /**
     * @param body the body delivery sends the result as; null when none was rendered
     */
    void add(long seq, Entry entry, AssessmentResult result, byte[] body) {
        ids.put(entry.resultId().toString(), seq);
        byte[] json = Json.writeBytes(result);
        results.put(seq, json);
        if (body != null) {
            outgoing.put(seq, body);
        }
        addContent(json.length + length(body));
        entries.put(seq, Json.writeBytes(entry));
        deliveries.put(seq, Json.writeBytes(Delivery.PENDING));
        indexes.add(seq, entry, Delivery.PENDING.state());
    }

    void update(long seq, Delivery from, Delivery to) {
        deliveries.put(seq, Json.writeBytes(to));
        indexes.move(seq, from.state(), to.state());
        if (to.state() == DeliveryState.DELIVERED) {
            // Sent for good: only the result is kept (for queries and export), not its copy as a body.
            addContent(-length(outgoing.remove(seq)));
        }
    }

    /** Drops a result and everything about it; false when it was not there. */
    boolean remove(long seq) {
        Optional<Entry> entry = entry(seq);
        Optional<Delivery> delivery = delivery(seq);
        if (entry.isEmpty() || delivery.isEmpty()) {
            return false;
        }
        indexes.remove(seq, entry.get(), delivery.get().state());
        addContent(-bytesOf(seq));
        ids.remove(entry.get().resultId().toString());
        entries.remove(seq);
        deliveries.remove(seq);
        results.remove(seq);
        outgoing.remove(seq);
        return true;
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
            long seq = Keys.seq(cursor.next());
            entry(seq).filter(matches).flatMap(entry -> load(seq, entry)).ifPresent(found::add);
        }
        return found;
    }

    /** Results in a delivery state, oldest stored first. */
    List<StoredResult> inState(DeliveryState state, int limit) {
        return load(indexes.state(state).keyIterator(null), state, limit);
    }

    /**
     * Pending results as their bodies, oldest first (see {@link Outbox#outgoing}). Reads no delivery
     * records: a result a writer has just moved out of pending may still be returned, and is then sent
     * twice, which the receiver dedupes on the result id, as after a crash.
     */
    List<Outgoing> outgoing(long after, int limit, long maxBytes, Function<AssessmentResult, byte[]> render) {
        List<Outgoing> found = new ArrayList<>();
        long bytes = 0;
        Iterator<Long> keys = indexes.state(DeliveryState.PENDING).keyIterator(after < 0 ? null : after + 1);
        while (keys.hasNext() && found.size() < limit) {
            long seq = keys.next();
            Optional<Entry> entry = entry(seq);
            if (entry.isEmpty()) {
                continue; // dropped meanwhile
            }
            Outgoing next;
            byte[] body = outgoing.get(seq);
            if (body != null) {
                next = new Outgoing(seq, entry.get().resultId(), body, null);
            } else {
                byte[] result = results.get(seq);
                if (result == null) {
                    continue;
                }
                next = rendered(seq, entry.get().resultId(), result, render);
            }
            // Each body and its separator in the batch; the first always goes, however large (alone then).
            long size = next.body() == null ? 0 : next.body().length + 1L;
            if (!found.isEmpty() && bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            found.add(next);
        }
        return found;
    }

    /** A result rendered now; its error when it cannot be read (counted) or rendered, so that it is parked. */
    private Outgoing rendered(long seq, UUID resultId, byte[] result, Function<AssessmentResult, byte[]> render) {
        AssessmentResult read;
        try {
            read = Json.read(result, AssessmentResult.class);
        } catch (RuntimeException e) {
            unreadable.skipped("results", seq, e);
            return new Outgoing(seq, resultId, null, e.getMessage() == null ? e.toString() : e.getMessage());
        }
        try {
            return new Outgoing(seq, resultId, Objects.requireNonNull(render.apply(read), "rendered nothing"), null);
        } catch (RuntimeException e) {
            return new Outgoing(seq, resultId, null, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** Results in a delivery state, newest stored first. */
    List<StoredResult> inStateNewestFirst(DeliveryState state, int limit) {
        return load(indexes.state(state).keyIteratorReverse(null), state, limit);
    }

    /** How many results are in a delivery state, from the index's in-memory root. */
    long count(DeliveryState state) {
        return indexes.state(state).sizeAsLong();
    }

    /** How many results are stored. */
    long count() {
        return entries.sizeAsLong();
    }

    /** The sequence numbers of delivered results stored before a time (null: any), oldest first. */
    List<Long> deliveredBefore(Instant storedBefore, int limit) {
        List<Long> found = new ArrayList<>();
        Iterator<Long> keys = indexes.state(DeliveryState.DELIVERED).keyIterator(null);
        while (keys.hasNext() && found.size() < limit) {
            long seq = keys.next();
            Optional<Entry> entry = entry(seq);
            if (entry.isPresent()) {
                // Storage times grow with the numbers: the first one not before the limit ends the search.
                if (storedBefore != null && !entry.get().storedAt().isBefore(storedBefore)) {
                    break;
                }
                found.add(seq);
            }
        }
        return found;
    }

    /**
     * Results stored after a number, oldest first, as their stored JSON (for a sink, see
     * {@link SinkOutbox}); a result whose entry cannot be read is skipped (counted).
     */
    List<SinkRecord> after(long after, int limit) {
        List<SinkRecord> found = new ArrayList<>();
        Iterator<Long> keys = results.keyIterator(after < 0 ? null : after + 1);
        while (keys.hasNext() && found.size() < limit) {
            long seq = keys.next();
            byte[] json = results.get(seq);
            Optional<Entry> entry = entry(seq);
            if (json != null && entry.isPresent()) {
                found.add(new SinkRecord(seq, entry.get().resultId(), json));
            }
        }
        return found;
    }

    /** How many results are stored after a number, from the map's in-memory root. */
    long countAfter(long seq) {
        long index = results.getKeyIndex(seq);
        long upTo = index >= 0 ? index + 1 : -(index + 1);
        return results.sizeAsLong() - upTo;
    }

    /** A run's results in storage order (the order of their numbers). */
    List<StoredResult> run(UUID runId) {
        List<StoredResult> found = new ArrayList<>();
        String prefix = Keys.prefix(runId);
        Cursor<String, String> cursor = indexes.byRun.cursor(Keys.low(prefix, null), Keys.high(prefix, null), false);
        cursor.forEachRemaining(key -> load(Keys.seq(key)).ifPresent(found::add));
        return found;
    }

    /** Counts and the oldest pending result, from the indexes' in-memory roots. */
    DeliveryBacklog backlog() {
        MVMap<Long, String> pending = indexes.state(DeliveryState.PENDING);
        Long oldest = pending.firstKey();
        return new DeliveryBacklog(pending.sizeAsLong(), indexes.state(DeliveryState.PARKED).sizeAsLong(),
                oldest == null ? null : entry(oldest).map(Entry::storedAt).orElse(null));
    }

    /** The latest storage time of any result; null when empty. */
    Instant lastStoredAt() {
        Long last = entries.lastKey();
        return last == null ? null : entry(last).map(Entry::storedAt).orElse(null);
    }

    /** The results behind index keys, those still in {@code state} (a writer may have moved one since). */
    private List<StoredResult> load(Iterator<Long> keys, DeliveryState state, int limit) {
        List<StoredResult> found = new ArrayList<>();
        while (keys.hasNext() && found.size() < limit) {
            load(keys.next()).filter(s -> s.state() == state).ifPresent(found::add);
        }
        return found;
    }

    private Optional<StoredResult> load(long seq) {
        return entry(seq).flatMap(entry -> load(seq, entry));
    }

    private Optional<StoredResult> load(long seq, Entry entry) {
        Optional<Delivery> delivery = delivery(seq);
        if (delivery.isEmpty()) {
            return Optional.empty();
        }
        return decode("results", seq, results.get(seq), AssessmentResult.class)
                .map(result -> delivery.get().of(result, entry));
    }
}
