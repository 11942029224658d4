package org.assessmentruntime.api.model;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Something an assessment looked at: an OSCAL subject, and one of the control plane's evidence
 * {@code subjects}. Observations point to subjects by {@link #uuid()}.
 *
 * @param uuid       its id within results; when absent, derived from {@code type} and {@code identifier}
 *                   (name-based), so that the same thing keeps the same uuid from run to run and its
 *                   history can be followed
 * @param identifier its natural identifier (hostname, resource ARN, image digest, …)
 * @param type       its kind, in OSCAL's vocabulary where it fits ({@code component},
 *                   {@code inventory-item}, {@code resource}, …)
 * @param title      a human-readable name; may be empty
 * @param props      further facts about it (OSCAL props), e.g. {@code os=debian-12}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Subject(UUID uuid, String identifier, String type, String title, Map<String, String> props) {

    /** Validates, copies and derives the uuid when absent. */
    public Subject {
        Check.text(identifier, "Subject.identifier");
        Check.text(type, "Subject.type");
        uuid = uuid == null ? derive(type, identifier) : uuid;
        title = Check.optional(title);
        props = Check.strings(props, "Subject.props");
    }

    private static UUID derive(String type, String identifier) {
        return UUID.nameUUIDFromBytes(("subject:" + type + ":" + identifier).getBytes(StandardCharsets.UTF_8));
    }
}
