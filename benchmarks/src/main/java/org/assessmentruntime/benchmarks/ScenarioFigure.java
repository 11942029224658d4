package org.assessmentruntime.benchmarks;

import java.util.Arrays;
import java.util.List;

/**
 * One figure of a whole-process scenario ({@link Scenarios}): its repetitions' values, in a unit, and
 * notes (e.g. the checks that passed). Printed by the scenario's JVM as one JSON line that BenchMain
 * reads back.
 *
 * @param key    identifies the figure in BenchMain's rows
 * @param unit   e.g. {@code results/s}, {@code ms}, {@code %}
 * @param values one per repetition (or one per window)
 * @param n      how many events the values are computed from (results, fires), for the table
 */
record ScenarioFigure(String key, String unit, double[] values, long n) {

    /** The line prefix BenchMain looks for. */
    static final String PREFIX = "BENCH-FIGURE ";

    double median() {
        return percentile(values, 50);
    }

    double min() {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    double max() {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    /** Nearest-rank percentile of unsorted values. */
    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double percentile(List<Double> values, double p) {
        return percentile(values.stream().mapToDouble(Double::doubleValue).toArray(), p);
    }
}
