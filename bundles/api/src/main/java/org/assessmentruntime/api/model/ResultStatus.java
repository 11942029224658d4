package org.assessmentruntime.api.model;

/**
 * The verdict of one assessment. Every consumer (control plane, OSCAL export, operators) needs to tell
 * these apart: the control is met, it is not, it does not apply to this target, or nobody knows.
 */
public enum ResultStatus {
    /** The target meets the control. */
    PASS,
    /** The target does not meet the control; findings say where. */
    FAIL,
    /** The assessment could not be made; {@link AssessmentResult#errorKind()} says why. */
    ERROR,
    /**
     * The control does not apply to the target, e.g. an SSH hardening check on a host without an SSH
     * server; the result's reason says why. Neither met nor unmet: no finding of such a result may be
     * not-satisfied.
     */
    NOT_APPLICABLE;

    /** Whether a result with this verdict must say why: the verdicts that are not about findings. */
    public boolean needsReason() {
        return this == ERROR || this == NOT_APPLICABLE;
    }
}
