package org.assessmentruntime.resultscollector;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.Provenance;
import org.assessmentruntime.resultscollector.internal.Json;

/**
 * Real results, as {@code assessment plugin run} printed them for the example plugins (see
 * src/test/resources/results/README.md), and variations of them.
 */
public final class Fixtures {

    /** PASS: the host's OS release. */
    public static final String OS_BASELINE_PASS = "os-baseline-pass";
    /** PASS: permissions of sensitive files. */
    public static final String SENSITIVE_FILES_PASS = "sensitive-files-pass";
    /** FAIL: a weak sshd_config, with risks. */
    public static final String SSHD_FAIL = "sshd-hardening-fail";
    /** FAIL: expired and not yet valid certificates, with risks. */
    public static final String TLS_FAIL = "tls-cert-expiry-fail";
    /** ERROR (PLUGIN_REPORTED): no sshd_config; no observations or findings. */
    public static final String SSHD_ERROR = "sshd-hardening-error";

    /** All of them. */
    public static final List<String> ALL = List.of(OS_BASELINE_PASS, SENSITIVE_FILES_PASS, SSHD_FAIL, TLS_FAIL,
            SSHD_ERROR);

    private Fixtures() {
    }

    /**
     * NOT_APPLICABLE: the sshd ERROR fixture as a plugin with the "not applicable" outcome reports it (no
     * sshd_config: the host has no SSH server).
     */
    public static AssessmentResult notApplicable() {
        return load(SSHD_ERROR).toBuilder().resultId(UUID.randomUUID())
                .status(org.assessmentruntime.api.model.ResultStatus.NOT_APPLICABLE).errorKind(null)
                .reason("sshd is not installed: /etc/ssh/sshd_config does not exist").build();
    }

    /** A fixture as it was produced. */
    public static AssessmentResult load(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/results/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return Json.MAPPER.readValue(in, AssessmentResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The fixture as another result: a new result id, the given run and job, and its run moved to end at
     * {@code end} (same duration).
     */
    public static AssessmentResult variant(String name, UUID runId, String jobId, Instant end) {
        AssessmentResult r = load(name);
        Provenance p = r.provenance();
        Duration took = Duration.between(p.start(), p.end());
        Provenance moved = new Provenance(p.requested(), p.plugin(), p.digest(), p.engine(), p.limits(), p.runtimeId(),
                end.minus(took), end);
        return r.toBuilder().resultId(UUID.randomUUID()).runId(runId).jobId(jobId).provenance(moved).build();
    }

    /** The result as one of a job in an assessment plan, on a control. */
    public static AssessmentResult onControl(AssessmentResult r, String planId, String controlId) {
        return r.toBuilder().planId(planId).controlId(controlId).build();
    }
}
