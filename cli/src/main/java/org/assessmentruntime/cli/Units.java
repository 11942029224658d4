package org.assessmentruntime.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations ({@code 30s}, {@code 500ms}, {@code 2m}) and byte sizes ({@code 64MiB}) on the command line. */
final class Units {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|b|k|kb|kib|m|mb|mib|g|gb|gib)");

    private Units() {
    }

    /**
     * A positive duration: a whole number with the unit {@code ms}, {@code s}, {@code m} or {@code h}
     * ({@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}), or ISO-8601 ({@code PT1M30S}).
     */
    static Duration duration(String text) {
        String t = text.strip();
        Duration d;
        Matcher m = DURATION.matcher(t.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        } else {
            try {
                d = Duration.parse(t);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + text + "' is not a duration: give a whole number with a unit"
                        + " (ms, s, m, h), e.g. 500ms, 30s, 2m");
            }
        }
        if (d.isNegative() || d.isZero()) {
            throw new TypeConversionException("'" + text + "' is not a positive duration");
        }
        return d;
    }

    /**
     * A positive number of bytes: plain ({@code 1048576}) or with a unit, binary ({@code KiB},
     * {@code MiB}, {@code GiB}, and {@code K}, {@code M}, {@code G} as the JVM reads them) or decimal
     * ({@code KB}, {@code MB}, {@code GB}); units in any case.
     */
    static long bytes(String text) {
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new TypeConversionException("'" + text + "' is not a size in bytes: give a number, optionally "
                    + "with a unit (KiB, MiB, GiB, KB, MB, GB), e.g. 64MiB, 1GiB, 1048576");
        }
        long factor = switch (m.group(2)) {
            case "", "b" -> 1L;
            case "k", "kib" -> 1L << 10;
            case "m", "mib" -> 1L << 20;
            case "g", "gib" -> 1L << 30;
            case "kb" -> 1_000L;
            case "mb" -> 1_000_000L;
            default -> 1_000_000_000L;
        };
        long n;
        try {
            n = Math.multiplyExact(Long.parseLong(m.group(1)), factor);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is too large");
        }
        if (n <= 0) {
            throw new TypeConversionException("'" + text + "' is not a positive size");
        }
        return n;
    }

    /** picocli converter for {@link #duration}. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return duration(value);
        }
    }

    /** picocli converter for {@link #bytes}. */
    static final class BytesConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return bytes(value);
        }
    }
}
