package org.assessmentruntime.scheduler.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The scheduler's one {@link ObjectMapper} for job JSON, shared by {@link org.assessmentruntime.scheduler.JobFiles}
 * (every instance) and {@link KeptJobs}: configured here once and never again, so that it may be used from
 * any thread. What a use needs on top (the kept jobs' indented, ISO-8601 writing) is an {@code ObjectWriter}
 * derived from it there.
 */
public final class Json {

    /** The API's JSON shape with {@code java.time} types, read strictly. */
    public static final ObjectMapper MAPPER = strict(new ObjectMapper().registerModule(new JavaTimeModule()));

    private Json() {
    }

    private static ObjectMapper strict(ObjectMapper mapper) {
        // Strict: the same key twice, or anything after the job's closing brace, is a mistake.
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        return mapper;
    }
}
