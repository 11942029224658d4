package org.assessmentruntime.api.model;

/**
 * The verdict of one assessment. Kept to three values because every consumer (control plane, OSCAL
 * export, operators) needs to tell exactly these apart: the control is met, it is not, or nobody knows.
 */
public enum ResultStatus {
    /** The target meets the control. */
    PASS,
    /** The target does not meet the control; findings say where. */
    FAIL,
    /** The assessment could not be made; {@link AssessmentResult#errorKind()} says why. */
    ERROR
}
