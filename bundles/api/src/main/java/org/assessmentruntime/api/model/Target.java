package org.assessmentruntime.api.model;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The thing an activity assesses (a host, a cluster, a cloud account, a service), as the job names it.
 * It reaches the plugin in its {@link JobContext}, and the job runner reports it as a {@link Subject}
 * of the result.
 *
 * @param id    its identifier, e.g. a hostname or a cloud resource id
 * @param type  its kind, in OSCAL's subject vocabulary where it fits ({@code component},
 *              {@code inventory-item}, {@code resource}, …)
 * @param title a human-readable name; may be empty
 * @param facts what the plugin needs to know about it (address, region, …); values are plain strings,
 *              anything structured belongs in the activity's configuration
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Target(String id, String type, String title, Map<String, String> facts) {

    /** Validates and copies. */
    public Target {
        Check.text(id, "Target.id");
        Check.text(type, "Target.type");
        title = Check.optional(title);
        facts = Check.strings(facts, "Target.facts");
    }
}
