package org.assessmentruntime.resultscollector;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.ResultStatus;

/**
 * What one run of a job came to: its results counted by verdict.
 *
 * @param runId  the run
 * @param jobId  its job
 * @param start  when its first result's run started
 * @param end    when its last result's run ended
 * @param counts results per verdict, every verdict present (zero when none), in {@link ResultStatus} order
 */
public record RunSummary(UUID runId, String jobId, Instant start, Instant end, Map<ResultStatus, Integer> counts) {

    /** Validates and copies. */
    public RunSummary {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        EnumMap<ResultStatus, Integer> copy = new EnumMap<>(ResultStatus.class);
        for (ResultStatus status : ResultStatus.values()) {
            copy.put(status, counts == null ? 0 : counts.getOrDefault(status, 0));
        }
        counts = Collections.unmodifiableMap(copy);
    }

    /** How many results the run produced. */
    public int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * The run's overall verdict: FAIL if any result failed (a known gap outweighs an unknown), else ERROR
     * if any could not be assessed, else PASS if any passed, else NOT_APPLICABLE (every control it checked
     * does not apply to the target).
     */
    public ResultStatus verdict() {
        if (counts.get(ResultStatus.FAIL) > 0) {
            return ResultStatus.FAIL;
        }
        if (counts.get(ResultStatus.ERROR) > 0) {
            return ResultStatus.ERROR;
        }
        return counts.get(ResultStatus.NOT_APPLICABLE) > 0 && counts.get(ResultStatus.PASS) == 0
                ? ResultStatus.NOT_APPLICABLE : ResultStatus.PASS;
    }

    /**
     * Sums results up per run.
     *
     * @param results results of any runs, in any order
     * @return one summary per run, newest (latest end) first
     */
    public static List<RunSummary> of(Collection<AssessmentResult> results) {
        Map<UUID, RunSummary> runs = new LinkedHashMap<>();
        for (AssessmentResult result : results) {
            runs.merge(result.runId(), single(result), RunSummary::plus);
        }
        return runs.values().stream().sorted(Comparator.comparing(RunSummary::end).reversed()
                .thenComparing(RunSummary::runId)).toList();
    }

    private static RunSummary single(AssessmentResult result) {
        return new RunSummary(result.runId(), result.jobId(), result.provenance().start(), result.provenance().end(),
                Map.of(result.status(), 1));
    }

    private RunSummary plus(RunSummary other) {
        EnumMap<ResultStatus, Integer> sum = new EnumMap<>(counts);
        other.counts.forEach((status, n) -> sum.merge(status, n, Integer::sum));
        Instant first = start.isBefore(other.start) ? start : other.start;
        Instant last = end.isAfter(other.end) ? end : other.end;
        return new RunSummary(runId, jobId, first, last, sum);
    }
}
