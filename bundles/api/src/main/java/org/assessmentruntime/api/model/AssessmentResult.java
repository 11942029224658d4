package org.assessmentruntime.api.model;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The outcome of one run of one activity: a verdict with the evidence behind it, shaped to map onto
 * an OSCAL 1.1 assessment-results {@code result} (observations, findings, risks, subjects) and onto the
 * control plane's evidence object.
 *
 * <p>Every finding and risk points to the observations it rests on, and every observation to the
 * subjects it is about; construction fails if a reference does not resolve within the result, so that
 * an auditor can always trace a verdict to its evidence.
 *
 * @param resultId     this result's id, fixed when the run ends; delivery is deduplicated on it, so it
 *                     never changes however often delivery is retried
 * @param runId        the run that produced it (also in the plugin's {@link JobContext})
 * @param jobId        the job
 * @param taskId       the task within the job
 * @param activityId   the activity within the task
 * @param planId       the job's assessment plan; empty when none
 * @param componentId  the job's component; empty when none
 * @param controlId    the job's control; empty when none
 * @param status       the verdict
 * @param errorKind    why no assessment could be made; present exactly when {@code status} is ERROR
 * @param reason       the verdict's reason, in a line; required for ERROR
 * @param title        what was assessed, in a line
 * @param observations what was seen
 * @param findings     what was concluded
 * @param risks        risks identified
 * @param subjects     what was looked at
 * @param logs         log lines of the run
 * @param provenance   how the result came about
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record AssessmentResult(UUID resultId, UUID runId, String jobId, String taskId, String activityId,
        String planId, String componentId, String controlId, ResultStatus status, FailureKind errorKind,
        String reason, String title, List<Observation> observations, List<Finding> findings, List<Risk> risks,
        List<Subject> subjects, List<LogEntry> logs, Provenance provenance) {

    /** Validates, copies, and checks that every reference resolves within the result. */
    public AssessmentResult {
        Check.required(resultId, "AssessmentResult.resultId");
        Check.required(runId, "AssessmentResult.runId");
        Check.id(jobId, "AssessmentResult.jobId");
        Check.id(taskId, "AssessmentResult.taskId");
        Check.id(activityId, "AssessmentResult.activityId");
        planId = Check.optional(planId);
        componentId = Check.optional(componentId);
        controlId = Check.optional(controlId);
        Check.required(status, "AssessmentResult.status");
        if ((status == ResultStatus.ERROR) != (errorKind != null)) {
            throw new IllegalArgumentException(status == ResultStatus.ERROR
                    ? "AssessmentResult.errorKind is required when status is ERROR"
                    : "AssessmentResult.errorKind must be absent when status is " + status);
        }
        reason = Check.optional(reason);
        if (status.needsReason() && reason.isBlank()) {
            throw new IllegalArgumentException("AssessmentResult.reason is required when status is " + status);
        }
        Check.text(title, "AssessmentResult.title");
        observations = Check.list(observations, "AssessmentResult.observations");
        findings = Check.list(findings, "AssessmentResult.findings");
        Check.applicable(status, findings, "AssessmentResult");
        risks = Check.list(risks, "AssessmentResult.risks");
        subjects = Check.list(subjects, "AssessmentResult.subjects");
        logs = Check.list(logs, "AssessmentResult.logs");
        Check.links("AssessmentResult", observations, findings, risks, subjects);
        Check.required(provenance, "AssessmentResult.provenance");
    }

    /**
     * The id of the evidence stream this result belongs to: the same for every run of the same activity
     * on the same runtime, and different otherwise. The control plane keeps evidence as histories keyed
     * by uuid, so results are delivered under this id (name-based, from runtime, job, task and
     * activity) rather than under {@link #resultId()}, which is new for every run.
     *
     * @return the stream's uuid
     */
    public UUID streamId() {
        String key = "stream:" + provenance.runtimeId() + "/" + jobId + "/" + taskId + "/" + activityId;
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A builder holding this result's fields, to make a result that differs in a few of them without
     * repeating the other sixteen positionally (e.g. the same evidence as another job's result).
     *
     * @return a builder; {@link Builder#build()} validates as the constructor does
     * @since 0.4
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The fields of an {@link AssessmentResult} under construction, set by name. Not thread-safe.
     *
     * @since 0.4
     */
    public static final class Builder {
        private UUID resultId;
        private UUID runId;
        private String jobId;
        private String taskId;
        private String activityId;
        private String planId;
        private String componentId;
        private String controlId;
        private ResultStatus status;
        private FailureKind errorKind;
        private String reason;
        private String title;
        private List<Observation> observations;
        private List<Finding> findings;
        private List<Risk> risks;
        private List<Subject> subjects;
        private List<LogEntry> logs;
        private Provenance provenance;

        private Builder(AssessmentResult from) {
            resultId = from.resultId;
            runId = from.runId;
            jobId = from.jobId;
            taskId = from.taskId;
            activityId = from.activityId;
            planId = from.planId;
            componentId = from.componentId;
            controlId = from.controlId;
            status = from.status;
            errorKind = from.errorKind;
            reason = from.reason;
            title = from.title;
            observations = from.observations;
            findings = from.findings;
            risks = from.risks;
            subjects = from.subjects;
            logs = from.logs;
            provenance = from.provenance;
        }

        /** Sets {@code resultId}; see the record. Returns this builder. */
        public Builder resultId(UUID value) {
            resultId = value;
            return this;
        }

        /** Sets {@code runId}; see the record. Returns this builder. */
        public Builder runId(UUID value) {
            runId = value;
            return this;
        }

        /** Sets {@code jobId}; see the record. Returns this builder. */
        public Builder jobId(String value) {
            jobId = value;
            return this;
        }

        /** Sets {@code taskId}; see the record. Returns this builder. */
        public Builder taskId(String value) {
            taskId = value;
            return this;
        }

        /** Sets {@code activityId}; see the record. Returns this builder. */
        public Builder activityId(String value) {
            activityId = value;
            return this;
        }

        /** Sets {@code planId}; see the record. Returns this builder. */
        public Builder planId(String value) {
            planId = value;
            return this;
        }

        /** Sets {@code componentId}; see the record. Returns this builder. */
        public Builder componentId(String value) {
            componentId = value;
            return this;
        }

        /** Sets {@code controlId}; see the record. Returns this builder. */
        public Builder controlId(String value) {
            controlId = value;
            return this;
        }

        /** Sets {@code status}; see the record. Returns this builder. */
        public Builder status(ResultStatus value) {
            status = value;
            return this;
        }

        /** Sets {@code errorKind}; see the record. Returns this builder. */
        public Builder errorKind(FailureKind value) {
            errorKind = value;
            return this;
        }

        /** Sets {@code reason}; see the record. Returns this builder. */
        public Builder reason(String value) {
            reason = value;
            return this;
        }

        /** Sets {@code title}; see the record. Returns this builder. */
        public Builder title(String value) {
            title = value;
            return this;
        }

        /** Sets {@code observations}; see the record. Returns this builder. */
        public Builder observations(List<Observation> value) {
            observations = value;
            return this;
        }

        /** Sets {@code findings}; see the record. Returns this builder. */
        public Builder findings(List<Finding> value) {
            findings = value;
            return this;
        }

        /** Sets {@code risks}; see the record. Returns this builder. */
        public Builder risks(List<Risk> value) {
            risks = value;
            return this;
        }

        /** Sets {@code subjects}; see the record. Returns this builder. */
        public Builder subjects(List<Subject> value) {
            subjects = value;
            return this;
        }

        /** Sets {@code logs}; see the record. Returns this builder. */
        public Builder logs(List<LogEntry> value) {
            logs = value;
            return this;
        }

        /** Sets {@code provenance}; see the record. Returns this builder. */
        public Builder provenance(Provenance value) {
            provenance = value;
            return this;
        }

        /**
         * @return the result
         * @throws IllegalArgumentException as the record's constructor
         */
        public AssessmentResult build() {
            return new AssessmentResult(resultId, runId, jobId, taskId, activityId, planId, componentId, controlId, status, errorKind, reason, title, observations, findings, risks, subjects, logs, provenance);
        }
    }
}
