package org.assessmentruntime.api.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a plugin run returns: the JSON document a plugin writes to stdout before exiting 0. The job
 * runner adds the ids and the {@link Provenance} and turns it into an {@link AssessmentResult}; output
 * that does not parse into this record makes the result an ERROR of kind
 * {@link FailureKind#INVALID_OUTPUT}, with this record's validation message.
 *
 * @param status       the plugin's verdict; {@link ResultStatus#ERROR} when it could not assess
 *                     (then {@code reason} says why, and the result's kind is
 *                     {@link FailureKind#PLUGIN_REPORTED}); {@link ResultStatus#NOT_APPLICABLE}
 *                     when the control does not apply to the target (no finding may then be
 *                     not-satisfied)
 * @param reason       why that verdict, in a line; required for ERROR and NOT_APPLICABLE
 * @param title        the assessment's title; empty to use the activity's
 * @param observations what it saw
 * @param findings     what it concluded
 * @param risks        risks it identified
 * @param subjects     what it looked at
 * @param logs         log lines for the result
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PluginOutput(ResultStatus status, String reason, String title, List<Observation> observations,
        List<Finding> findings, List<Risk> risks, List<Subject> subjects, List<LogEntry> logs) {

    /** Validates, copies, and checks that every reference resolves within the output. */
    public PluginOutput {
        Check.required(status, "PluginOutput.status");
        reason = Check.optional(reason);
        if (status.needsReason() && reason.isBlank()) {
            throw new IllegalArgumentException("PluginOutput.reason is required when status is " + status);
        }
        title = Check.optional(title);
        observations = Check.list(observations, "PluginOutput.observations");
        findings = Check.list(findings, "PluginOutput.findings");
        Check.applicable(status, findings, "PluginOutput");
        risks = Check.list(risks, "PluginOutput.risks");
        subjects = Check.list(subjects, "PluginOutput.subjects");
        logs = Check.list(logs, "PluginOutput.logs");
        Check.links("PluginOutput", observations, findings, risks, subjects);
    }
}
