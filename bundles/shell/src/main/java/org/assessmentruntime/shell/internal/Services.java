package org.assessmentruntime.shell.internal;

/**
 * Checks for services that commands reference optionally. Every reference in this bundle is optional:
 * Karaf holds back all of a bundle's commands while one mandatory reference is missing, and
 * {@code assessment:status} must keep working exactly when some component is down.
 */
final class Services {

    private Services() {
    }

    /**
     * @param service   the referenced service, or null
     * @param component the component that provides it, as the status table names it
     * @return the service
     * @throws IllegalStateException naming the component that is not running
     */
    static <T> T require(T service, String component) {
        if (service == null) {
            throw new CommandException("the " + component + " is not running; see assessment:status");
        }
        return service;
    }
}
