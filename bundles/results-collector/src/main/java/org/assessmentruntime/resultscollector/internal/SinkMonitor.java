package org.assessmentruntime.resultscollector.internal;

/**
 * An additional sink (Kafka), as the collector's health sees it. Registered (inside this bundle only) by
 * the sink's component, whether or not the sink is enabled, so that status says which.
 */
public interface SinkMonitor {

    /** How the sink is going. */
    SinkReport report();
}
