package org.assessmentruntime.configuration.internal;

import java.util.Map;

import org.assessmentruntime.api.model.JobDefinition;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An overlay that passed validation, ready to apply.
 *
 * @param effective the overlay without its nulls (RFC 7396 applied to an empty document), canonical:
 *                  what the remote side sets, and what {@code effective-digest} is taken of
 * @param config    per PID, the remotely set keys and their values, typed as the PID's metatype says
 * @param jobs      per job id, the job as the scheduler is given it
 */
record ValidatedOverlay(JsonNode effective, Map<String, Map<String, Object>> config, Map<String, JobDefinition> jobs) {

    /** Validates and copies. */
    ValidatedOverlay {
        config = Map.copyOf(config);
        jobs = Map.copyOf(jobs);
    }

    /** The digest reported as {@code effective-digest}. */
    String digest() {
        return Json.digest(effective);
    }
}
