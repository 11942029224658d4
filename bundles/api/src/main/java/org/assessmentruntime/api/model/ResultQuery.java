package org.assessmentruntime.api.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Which stored results to list, newest first. Every criterion is optional; the criteria given must all
 * hold. Times are compared with the end of the run ({@link Provenance#end()}).
 *
 * @param jobId      only this job's results; empty for all
 * @param pluginName only results of this plugin ({@code namespace/name}); empty for all
 * @param status     only results with this verdict; {@code null} for all
 * @param from       only results of runs that ended at or after this; {@code null} for no lower bound
 * @param to         only results of runs that ended before this; {@code null} for no upper bound
 * @param limit      at most this many, 1 to {@value #MAX_LIMIT}; {@value #DEFAULT_LIMIT} when 0
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ResultQuery(String jobId, String pluginName, ResultStatus status, Instant from, Instant to, int limit) {

    /** Results returned when no limit is given. */
    public static final int DEFAULT_LIMIT = 100;

    /** Most results one query returns, so that a query cannot load the whole store into memory. */
    public static final int MAX_LIMIT = 10_000;

    /** Validates and fills in the default limit. */
    public ResultQuery {
        jobId = Check.optional(jobId);
        pluginName = Check.optional(pluginName);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("ResultQuery.from " + from + " must be before ResultQuery.to " + to);
        }
        limit = limit == 0 ? DEFAULT_LIMIT : limit;
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("ResultQuery.limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
    }

    /**
     * The newest results, any job, plugin or verdict.
     *
     * @param limit at most this many
     * @return the query
     */
    public static ResultQuery latest(int limit) {
        return new ResultQuery(null, null, null, null, null, limit);
    }
}
