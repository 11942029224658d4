package org.assessmentruntime.api;

/**
 * The thing named does not exist: no such plugin or version (installed or in a registry), no such job,
 * no such stored result or module. Retrying will not help; a shell command reports it as a user error.
 */
public class NotFoundException extends AssessmentException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was not found, e.g. {@code no plugin acme/ssh matches ^2.0 in registry main}
     */
    public NotFoundException(String message) {
        super(message);
    }
}
