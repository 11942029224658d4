package org.assessmentruntime.pluginmanager.internal;

import org.assessmentruntime.api.AssessmentException;

/**
 * The plugin registry could not be reached, did not answer in time, broke off a reply, or answered
 * with a server error (HTTP 5xx): the registry is unavailable, not the plugin at fault. The manager
 * then keeps running with what the store holds and reports itself degraded until the next success.
 */
final class RegistryUnavailableException extends AssessmentException {

    private static final long serialVersionUID = 1L;

    RegistryUnavailableException(String message) {
        super(message);
    }

    RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
