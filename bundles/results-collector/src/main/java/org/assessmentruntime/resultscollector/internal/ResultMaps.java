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
 * it.
 */
final class ResultMaps {

    private final MVMap<String, Long> ids;
    private final MVMap<Long, byte[]> results;
    private final MVMap<Long, byte[]> entries;
    private final MVMap<Long, byte[]> deliveries;
    private final MVMap<Long, byte[]> outgoing;
    private final Indexes indexes;

    ResultMaps(MVStore store) {
        ids = store.openMap("ids", new MVMap.Builder<String, Long>().keyType(StringDataType.INSTANCE)
                .valueType(LongDataType.INSTANCE));
        results = bySeq(store, "results");
        entries = bySeq(store, "entries");
        deliveries = bySeq(store, "deliveries");
        outgoing = bySeq(store, "outgoing");
        indexes = new Indexes(store);
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

    Optional<Entry> entry(long seq) {
        return Optional.ofNullable(entries.get(seq)).map(json -> Json.read(json, Entry.class));
    }

    Optional<Delivery> delivery(long seq) {
        return Optional.ofNullable(deliveries.get(seq)).map(json -> Json.read(json, Delivery.class));
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
        results.put(seq, Json.writeBytes(result));
        if (body != null) {
            outgoing.put(seq, body);
        }
        entries.put(seq, Json.writeBytes(entry));
        deliveries.put(seq, Json.writeBytes(Delivery.PENDING));
        indexes.add(seq, entry, Delivery.PENDING.state());
    }

    void update(long seq, Delivery from, Delivery to) {
        deliveries.put(seq, Json.writeBytes(to));
        indexes.move(seq, from.state(), to.state());
        if (to.state() == DeliveryState.DELIVERED) {
            // Sent for good: only the result is kept (for queries and export), not its copy as a body.
            outgoing.remove(seq);
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
    List<Outgoing> outgoing(long after, int limit, Function<AssessmentResult, byte[]> render) {
        List<Outgoing> found = new ArrayList<>();
        Iterator<Long> keys = indexes.state(DeliveryState.PENDING).keyIterator(after < 0 ? null : after + 1);
        while (keys.hasNext() && found.size() < limit) {
            long seq = keys.next();
            Optional<Entry> entry = entry(seq);
            if (entry.isEmpty()) {
                continue; // dropped meanwhile
            }
            byte[] body = outgoing.get(seq);
            if (body != null) {
                found.add(new Outgoing(seq, entry.get().resultId(), body, null));
                continue;
            }
            byte[] result = results.get(seq);
            if (result != null) {
                found.add(rendered(seq, entry.get().resultId(), result, render));
            }
        }
        return found;
    }

    private static Outgoing rendered(long seq, UUID resultId, byte[] result,
            Function<AssessmentResult, byte[]> render) {
        try {
            return new Outgoing(seq, resultId, Objects.requireNonNull(render.apply(Json.read(result,
                    AssessmentResult.class)), "rendered nothing"), null);
        } catch (RuntimeException e) {
            return new Outgoing(seq, resultId, null, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** Results in a delivery state, newest stored first. */
    List<StoredResult> inStateNewestFirst(DeliveryState state, int limit) {
        return load(indexes.state(state).keyIteratorReverse(null), state, limit);
    }

    /** The sequence numbers of delivered results stored before a time, oldest first. */
    List<Long> deliveredBefore(Instant storedBefore, int limit) {
        List<Long> found = new ArrayList<>();
        Iterator<Long> keys = indexes.state(DeliveryState.DELIVERED).keyIterator(null);
        while (keys.hasNext() && found.size() < limit) {
            long seq = keys.next();
            Optional<Entry> entry = entry(seq);
            if (entry.isPresent()) {
                // Storage times grow with the numbers: the first one not before the limit ends the search.
                if (!entry.get().storedAt().isBefore(storedBefore)) {
                    break;
                }
                found.add(seq);
            }
        }
        return found;
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
        byte[] result = results.get(seq);
        Optional<Delivery> delivery = delivery(seq);
        return result == null || delivery.isEmpty() ? Optional.empty()
                : Optional.of(delivery.get().of(Json.read(result, AssessmentResult.class), entry));
    }
}
