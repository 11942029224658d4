package org.assessmentruntime.configuration.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * What survives a restart: the last good revision with its {@code ETag} and overlay, and the local values
 * the overlay replaced.
 *
 * @param revision  the applied revision; 0 when none
 * @param etag      its {@code ETag}, verbatim; empty when none
 * @param overlay   the applied overlay without its nulls ({@link ValidatedOverlay#effective()}); {@code {}} when none
 * @param createdAt when the control plane created the revision, as it said; empty when unknown
 * @param appliedAt when it was applied here; {@code null} when never
 * @param baselines per PID, the local state before the first remote change
 */
record SyncState(long revision, String etag, JsonNode overlay, String createdAt, Instant appliedAt,
        Map<String, Baseline> baselines) {

    /** Nothing applied: local configuration only. */
    static final SyncState EMPTY = new SyncState(0, "", null, "", null, Map.of());

    /** Validates and copies. */
    SyncState {
        if (revision < 0) {
            throw new IllegalArgumentException("revision must not be negative, got " + revision);
        }
        etag = etag == null ? "" : etag;
        overlay = overlay == null || overlay.isNull() ? JsonNodeFactory.instance.objectNode() : overlay;
        createdAt = createdAt == null ? "" : createdAt;
        baselines = baselines == null ? Map.of() : Map.copyOf(baselines);
    }

    /** This state with other baselines. */
    SyncState withBaselines(Map<String, Baseline> newBaselines) {
        return new SyncState(revision, etag, overlay, createdAt, appliedAt, newBaselines);
    }

    /** This state with another ETag. */
    SyncState withEtag(String newEtag) {
        return new SyncState(revision, newEtag, overlay, createdAt, appliedAt, baselines);
    }

    /**
     * A PID's local state from before the control plane first set a key of it.
     *
     * @param existed whether the PID had a configuration at all (if not, it is deleted again once no
     *                remote key is left)
     * @param values  per remotely set key, its local value encoded by {@link PropertyCodec} ({@code absent}
     *                when the key had none)
     */
    record Baseline(boolean existed, Map<String, JsonNode> values) {

        /** Validates and copies. */
        Baseline {
            values = values == null ? Map.of() : Map.copyOf(values);
        }

        /** This baseline with one more key remembered. */
        Baseline with(String key, Object localValue) {
            Map<String, JsonNode> more = new LinkedHashMap<>(values);
            more.put(key, PropertyCodec.encode(localValue));
            return new Baseline(existed, more);
        }
    }
}
