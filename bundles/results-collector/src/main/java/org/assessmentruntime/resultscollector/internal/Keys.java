package org.assessmentruntime.resultscollector.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * Keys of the index maps: text that sorts like what it encodes, {@code part|part|…|resultId}. The
 * separator sorts after every character of job ids, plugin names, statuses and times, so all keys of one
 * prefix are contiguous and one prefix is never the start of another.
 */
final class Keys {

    static final char SEP = '|';
    /** Sorts after any key that starts with the same prefix. */
    private static final char HIGH = '\uffff';
    private static final int UUID_LENGTH = 36;

    private Keys() {
    }

    /**
     * A time as 21 digits (12 of seconds, 9 of nanoseconds since 1970), so that text order is time
     * order; times before 1970 count as 1970.
     */
    static String time(Instant time) {
        long seconds = Math.max(0, time.getEpochSecond());
        int nanos = time.getEpochSecond() < 0 ? 0 : time.getNano();
        return String.format("%012d%09d", seconds, nanos);
    }

    static Instant parseTime(String key) {
        return Instant.ofEpochSecond(Long.parseLong(key.substring(0, 12)), Long.parseLong(key.substring(12, 21)));
    }

    static String of(Object... parts) {
        StringBuilder key = new StringBuilder();
        for (Object part : parts) {
            if (key.length() > 0) {
                key.append(SEP);
            }
            key.append(part);
        }
        return key.toString();
    }

    /** The result id every index key ends with. */
    static UUID resultId(String key) {
        return UUID.fromString(key.substring(key.length() - UUID_LENGTH));
    }

    /**
     * The lowest key of a prefix (ending in {@link #SEP}, or empty for keys that start with the time) at
     * or after a time; null time for "from the first".
     */
    static String low(String prefix, Instant time) {
        return time == null ? prefix : prefix + time(time);
    }

    /**
     * Above every key of a prefix whose time is before {@code time} (keys at exactly that time sort after
     * the bare time, so an exclusive end falls out of the order); null time for "to the last".
     */
    static String high(String prefix, Instant time) {
        return time == null ? prefix + HIGH : prefix + time(time);
    }

    /** The prefix of an index's keys for one value. */
    static String prefix(Object value) {
        return value.toString() + SEP;
    }
}
