package org.assessmentruntime.resultscollector.internal;

import java.util.EnumMap;
import java.util.Map;

import org.assessmentruntime.api.model.DeliveryState;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.StringDataType;

/**
 * The secondary indexes: sets of keys (values are empty) in maps of the same store as the results, so
 * that a commit writes a result and its index entries together or not at all.
 *
 * <p>By run end time: all results, and per job, plugin and verdict, so that the newest results matching
 * a query are found without reading the others. By storage time: one set per delivery state, so that
 * {@code pending} serves the oldest first and retention finds old delivered results.
 */
final class Indexes {

    final MVMap<String, String> byTime;
    final MVMap<String, String> byJob;
    final MVMap<String, String> byPlugin;
    final MVMap<String, String> byStatus;
    final MVMap<String, String> byRun;
    private final Map<DeliveryState, MVMap<String, String>> byState = new EnumMap<>(DeliveryState.class);

    Indexes(MVStore store) {
        byTime = open(store, "index.time");
        byJob = open(store, "index.job");
        byPlugin = open(store, "index.plugin");
        byStatus = open(store, "index.status");
        byRun = open(store, "index.run");
        for (DeliveryState state : DeliveryState.values()) {
            byState.put(state, open(store, "index.state." + state.name().toLowerCase(java.util.Locale.ROOT)));
        }
    }

    static MVMap<String, String> open(MVStore store, String name) {
        return store.openMap(name, new MVMap.Builder<String, String>().keyType(StringDataType.INSTANCE)
                .valueType(StringDataType.INSTANCE));
    }

    /** The index of results in a delivery state, by storage time (oldest first). */
    MVMap<String, String> state(DeliveryState state) {
        return byState.get(state);
    }

    void add(Entry entry) {
        String end = Keys.time(entry.end());
        byTime.put(Keys.of(end, entry.resultId()), "");
        byJob.put(Keys.of(entry.jobId(), end, entry.resultId()), "");
        byPlugin.put(Keys.of(entry.pluginName(), end, entry.resultId()), "");
        byStatus.put(Keys.of(entry.status(), end, entry.resultId()), "");
        byRun.put(Keys.of(entry.runId(), entry.resultId()), "");
        state(entry.state()).put(stateKey(entry), "");
    }

    void remove(Entry entry) {
        String end = Keys.time(entry.end());
        byTime.remove(Keys.of(end, entry.resultId()));
        byJob.remove(Keys.of(entry.jobId(), end, entry.resultId()));
        byPlugin.remove(Keys.of(entry.pluginName(), end, entry.resultId()));
        byStatus.remove(Keys.of(entry.status(), end, entry.resultId()));
        byRun.remove(Keys.of(entry.runId(), entry.resultId()));
        state(entry.state()).remove(stateKey(entry));
    }

    /** Moves a result between the delivery-state indexes, when its state changed. */
    void move(Entry from, Entry to) {
        if (from.state() != to.state()) {
            state(from.state()).remove(stateKey(from));
            state(to.state()).put(stateKey(to), "");
        }
    }

    static String stateKey(Entry entry) {
        return Keys.of(Keys.time(entry.storedAt()), entry.resultId());
    }
}
