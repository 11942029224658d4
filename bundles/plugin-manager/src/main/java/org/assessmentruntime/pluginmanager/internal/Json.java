package org.assessmentruntime.pluginmanager.internal;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The bundle's one {@link ObjectMapper}, with Jackson's defaults: configured here once and never again,
 * so that every class may share it from any thread. What a use needs differently (the lock file indented,
 * signatures read leniently) is an {@code ObjectWriter} or {@code ObjectReader} derived from it there.
 */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }
}
