package org.assessmentruntime.authentication.internal;

/**
 * A control-plane setting cannot be used. The message names the setting (configuration key, and the
 * environment variable when that is where the value came from) and the problem, never a secret.
 */
final class InvalidSettingsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    InvalidSettingsException(String key, String problem) {
        super(key + ": " + problem);
    }

    InvalidSettingsException(String key, String problem, Throwable cause) {
        super(key + ": " + problem, cause);
    }
}
