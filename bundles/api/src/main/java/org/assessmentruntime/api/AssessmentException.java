package org.assessmentruntime.api;

/**
 * A service of the runtime could not do what it was asked, for a reason the caller must handle:
 * storage, network, registry or control-plane trouble. Subclasses mark the cases callers treat
 * differently. Invalid arguments are {@link IllegalArgumentException}s instead, and a plugin that fails
 * is never an exception: it is an ERROR result.
 */
public class AssessmentException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, for an operator; never a secret
     */
    public AssessmentException(String message) {
        super(message);
    }

    /**
     * @param message what failed, for an operator; never a secret
     * @param cause   the underlying failure
     */
    public AssessmentException(String message, Throwable cause) {
        super(message, cause);
    }
}
