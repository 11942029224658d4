package org.assessmentruntime.api;

/**
 * Plugin bytes or metadata cannot be trusted: the digest does not match, the signature is missing
 * where policy requires one, invalid, or by an untrusted key, the manifest is invalid, or the module
 * needs an ABI this runtime does not speak. Such a plugin is never stored, and never run.
 */
public class PluginVerificationException extends AssessmentException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed to verify, naming the plugin and digest
     */
    public PluginVerificationException(String message) {
        super(message);
    }

    /**
     * @param message what failed to verify, naming the plugin and digest
     * @param cause   the underlying failure
     */
    public PluginVerificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
