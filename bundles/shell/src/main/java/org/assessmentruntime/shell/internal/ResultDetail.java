package org.assessmentruntime.shell.internal;

import java.io.PrintStream;
import java.time.Duration;

import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.Finding;
import org.assessmentruntime.api.model.LogEntry;
import org.assessmentruntime.api.model.Observation;
import org.assessmentruntime.api.model.Provenance;
import org.assessmentruntime.api.model.Risk;
import org.assessmentruntime.api.model.StoredResult;
import org.assessmentruntime.api.model.Subject;

/**
 * What {@code assessment:result} prints: one result as labelled lines, then its findings, observations,
 * risks, subjects and log, each item on a line of its own (whole, not cut: this is the detail view).
 */
final class ResultDetail {

    private ResultDetail() {
    }

    static void print(StoredResult stored, PrintStream out) {
        AssessmentResult r = stored.result();
        Provenance p = r.provenance();
        line(out, "Result", r.resultId());
        line(out, "Title", r.title());
        line(out, "Status", r.status() + (r.errorKind() == null ? "" : " (" + r.errorKind() + ")"));
        line(out, "Reason", r.reason());
        line(out, "Job", r.jobId() + " / task " + r.taskId() + " / activity " + r.activityId());
        line(out, "Run", r.runId());
        line(out, "Plan", r.planId());
        line(out, "Component", r.componentId());
        line(out, "Control", r.controlId());
        line(out, "Plugin", p.plugin() == null ? p.requested().name() + "@" + p.requested().version() + " (not resolved)"
                : p.plugin() + " " + p.digest());
        line(out, "Engine", p.engine());
        line(out, "Limits", p.limits() == null ? "" : "timeout " + p.limits().timeout() + ", memory "
                + p.limits().maxMemoryBytes() + " B, stdout " + p.limits().maxStdoutBytes() + " B, stderr "
                + p.limits().maxStderrBytes() + " B");
        line(out, "Runtime", p.runtimeId());
        line(out, "Ran", Timestamps.format(p.start()) + " to " + Timestamps.format(p.end()) + " ("
                + Durations.human(Duration.between(p.start(), p.end()).toMillis()) + ")");
        line(out, "Stored", Timestamps.format(stored.storedAt()));
        line(out, "Delivery", delivery(stored));

        out.printf("Findings (%d)%n", r.findings().size());
        for (Finding f : r.findings()) {
            out.printf("  %-13s %s%s%n", f.state(), f.targetId().isEmpty() ? "" : f.targetId() + ": ", f.title());
        }
        out.printf("Observations (%d)%n", r.observations().size());
        for (Observation o : r.observations()) {
            out.printf("  - %s%n", o.title());
        }
        if (!r.risks().isEmpty()) {
            out.printf("Risks (%d)%n", r.risks().size());
            for (Risk risk : r.risks()) {
                out.printf("  %-13s %s%n", risk.status(), risk.title());
            }
        }
        if (!r.subjects().isEmpty()) {
            out.printf("Subjects (%d)%n", r.subjects().size());
            for (Subject s : r.subjects()) {
                out.printf("  %s %s%s%n", s.type(), s.identifier(), s.title().isEmpty() ? "" : " (" + s.title() + ")");
            }
        }
        out.printf("Log (%d)%n", r.logs().size());
        for (LogEntry log : r.logs()) {
            out.printf("  %s %-5s %s%n", log.time() == null ? "-" : Timestamps.format(log.time()), log.level(),
                    log.message());
        }
    }

    private static String delivery(StoredResult stored) {
        StringBuilder text = new StringBuilder(stored.state().toString());
        text.append(", ").append(stored.attempts()).append(stored.attempts() == 1 ? " attempt" : " attempts");
        if (stored.lastAttemptAt() != null) {
            text.append(", last ").append(Timestamps.format(stored.lastAttemptAt()));
        }
        if (!stored.lastError().isEmpty()) {
            text.append(": ").append(stored.lastError());
        }
        return text.toString();
    }

    private static void line(PrintStream out, String label, Object value) {
        String text = value == null ? "" : value.toString();
        if (!text.isEmpty()) {
            out.printf("%-10s %s%n", label, text);
        }
    }
}
