package org.assessmentruntime.api.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How a result came about: which plugin build ran, where, on what engine, within what limits, and
 * when. What an auditor needs to trust (or reproduce) a result.
 *
 * @param requested the plugin as the job asked for it
 * @param plugin    the exact version that ran; {@code null} when none could be resolved
 * @param digest    the digest of the module that ran; present exactly when {@code plugin} is
 * @param engine    the engine that ran it; empty when it never ran
 * @param limits    the limits it ran within; {@code null} when it never ran
 * @param runtimeId the runtime instance that ran it (the agent uuid the control plane knows)
 * @param start     when the run started
 * @param end       when the run ended, by the runtime's clock; not before {@code start}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Provenance(PluginRef requested, PluginId plugin, Digest digest, String engine, ResourceLimits limits,
        String runtimeId, Instant start, Instant end) {

    /** Validates. */
    public Provenance {
        Check.required(requested, "Provenance.requested");
        if ((plugin == null) != (digest == null)) {
            throw new IllegalArgumentException("Provenance.plugin and Provenance.digest go together: give both or neither");
        }
        if (plugin != null && !plugin.name().equals(requested.name())) {
            throw new IllegalArgumentException("Provenance.plugin " + plugin + " is not the requested plugin "
                    + requested.name());
        }
        engine = Check.optional(engine);
        Check.text(runtimeId, "Provenance.runtimeId");
        Check.required(start, "Provenance.start");
        Check.required(end, "Provenance.end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("Provenance.end " + end + " is before Provenance.start " + start);
        }
    }
}
