package org.assessmentruntime.shell.internal;

import org.osgi.framework.Bundle;

/** Names of OSGi bundle states, as Karaf's {@code bundle:list} prints them. */
final class BundleStates {

    private BundleStates() {
    }

    static String name(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            default -> "UNKNOWN(" + state + ")";
        };
    }
}
