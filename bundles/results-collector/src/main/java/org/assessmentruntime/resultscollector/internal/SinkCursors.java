package org.assessmentruntime.resultscollector.internal;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * The position of each additional sink in the store's order, in a map of its own ({@code sinks}), so that
 * the result maps and their layout stay as they are (a store without the map simply has no sink yet):
 * {@code <sink>} is the sequence number of the last result the sink acknowledged (absent: none, so it
 * starts with the oldest result held), {@code <sink>.hold} is 1 while the sink keeps its unacknowledged
 * results from being dropped.
 *
 * <p>Uncommitted changes only; locking and commits are the store's, like {@link ResultMaps}.
 */
final class SinkCursors {

    private static final String HOLD = ".hold";

    private final MVMap<String, Long> positions;

    SinkCursors(MVStore store) {
        positions = store.openMap("sinks", new MVMap.Builder<String, Long>().keyType(StringDataType.INSTANCE)
                .valueType(LongDataType.INSTANCE));
    }

    /** The last acknowledged result's number; -1 when none was. */
    long position(String sink) {
        Long seq = positions.get(sink);
        return seq == null ? -1 : seq;
    }

    /** Moves the position forward; a lower number (a late, stale acknowledgement) changes nothing. */
    boolean advance(String sink, long seq) {
        if (seq <= position(sink)) {
            return false;
        }
        positions.put(sink, seq);
        return true;
    }

    /** Whether the hold changes. */
    boolean hold(String sink, boolean hold) {
        boolean now = positions.containsKey(sink + HOLD);
        if (now == hold) {
            return false;
        }
        if (hold) {
            positions.put(sink + HOLD, 1L);
        } else {
            positions.remove(sink + HOLD);
        }
        return true;
    }

    /**
     * The highest result number retention and the size cap may drop: the lowest position of the sinks
     * that hold; {@link Long#MAX_VALUE} when none does.
     */
    long droppableUpTo() {
        long upTo = Long.MAX_VALUE;
        for (String key : positions.keySet()) {
            if (key.endsWith(HOLD)) {
                upTo = Math.min(upTo, position(key.substring(0, key.length() - HOLD.length())));
            }
        }
        return upTo;
    }
}
