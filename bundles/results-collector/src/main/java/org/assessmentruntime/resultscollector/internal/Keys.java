package org.assessmentruntime.resultscollector.internal;

import java.time.Instant;

/**
 * Keys of the index maps: text that sorts like what it encodes, {@code part|part|…|sequence}, where
 * the sequence number (see {@link ResultMaps}) is the stored result's key in the other maps and breaks
 * ties in storage order. The
 * separator sorts after every character of job ids, plugin names, statuses and times, so all keys of one
 * prefix are contiguous and one prefix is never the start of another.
 */
final class Keys {

    static final char SEP = '|';
    /** Sorts after any key that starts with the same prefix. */
    private static final char HIGH = '\uffff';
    /** Digits of a sequence number: any non-negative long, so that text order is number order. */
    private static final int SEQ_LENGTH = 19;
    private static final String ZEROS = "0".repeat(SEQ_LENGTH);

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

    /** A sequence number as the last part of a key. */
    static String seq(long seq) {
        String digits = Long.toString(seq);
        return ZEROS.substring(digits.length()) + digits;
    }

    /** The sequence number every index key ends with. */
    static long seq(String key) {
        return Long.parseLong(key, key.length() - SEQ_LENGTH, key.length(), 10);
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
