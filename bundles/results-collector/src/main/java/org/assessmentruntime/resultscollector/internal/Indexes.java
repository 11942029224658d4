package org.assessmentruntime.resultscollector.internal;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import org.assessmentruntime.api.model.DeliveryState;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * The secondary indexes: sets of keys (values are empty) in maps of the same store as the results, so
 * that a commit writes a result and its index entries together or not at all. Every key ends with (or
 * is) the result's sequence number, its key in {@link ResultMaps}.
 *
 * <p>By run end time: all results, and per job, plugin and verdict, so that the newest results matching
 * a query are found without reading the others. By sequence number (storage order): one set per
 * delivery state, so that {@code pending} serves the oldest first, from adjacent pages of the result
 * maps, and retention finds old delivered results.
 */
final class Indexes {

    final MVMap<String, String> byTime;
    final MVMap<String, String> byJob;
    final MVMap<String, String> byPlugin;
    final MVMap<String, String> byStatus;
    final MVMap<String, String> byRun;
    private final Map<DeliveryState, MVMap<Long, String>> byState = new EnumMap<>(DeliveryState.class);

    Indexes(MVStore store) {
        byTime = open(store, "index.time");
        byJob = open(store, "index.job");
        byPlugin = open(store, "index.plugin");
        byStatus = open(store, "index.status");
        byRun = open(store, "index.run");
        for (DeliveryState state : DeliveryState.values()) {
            byState.put(state, store.openMap("index.state." + state.name().toLowerCase(Locale.ROOT),
                    new MVMap.Builder<Long, String>().keyType(LongDataType.INSTANCE)
                            .valueType(StringDataType.INSTANCE)));
        }
    }

    private static MVMap<String, String> open(MVStore store, String name) {
        return store.openMap(name, new MVMap.Builder<String, String>().keyType(StringDataType.INSTANCE)
                .valueType(StringDataType.INSTANCE));
    }

    /** The sequence numbers of the results in a delivery state (oldest first). */
    MVMap<Long, String> state(DeliveryState state) {
        return byState.get(state);
    }

    void add(long seq, Entry entry, DeliveryState state) {
        String end = Keys.time(entry.end());
        String suffix = Keys.seq(seq);
        byTime.put(Keys.of(end, suffix), "");
        byJob.put(Keys.of(entry.jobId(), end, suffix), "");
        byPlugin.put(Keys.of(entry.pluginName(), end, suffix), "");
        byStatus.put(Keys.of(entry.status(), end, suffix), "");
        byRun.put(Keys.of(entry.runId(), suffix), "");
        state(state).put(seq, "");
    }

    void remove(long seq, Entry entry, DeliveryState state) {
        String end = Keys.time(entry.end());
        String suffix = Keys.seq(seq);
        byTime.remove(Keys.of(end, suffix));
        byJob.remove(Keys.of(entry.jobId(), end, suffix));
        byPlugin.remove(Keys.of(entry.pluginName(), end, suffix));
        byStatus.remove(Keys.of(entry.status(), end, suffix));
        byRun.remove(Keys.of(entry.runId(), suffix));
        state(state).remove(seq);
    }

    /** Moves a result between the delivery-state indexes, when its state changed. */
    void move(long seq, DeliveryState from, DeliveryState to) {
        if (from != to) {
            state(from).remove(seq);
            state(to).put(seq, "");
        }
    }
}
