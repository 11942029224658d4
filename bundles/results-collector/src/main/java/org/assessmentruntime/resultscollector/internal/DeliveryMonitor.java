package org.assessmentruntime.resultscollector.internal;

/**
 * Delivery of stored results, as the collector sees it: woken when a result is stored, asked for its
 * report by the collector's health. Registered (inside this bundle only) by the delivery component,
 * which exists only while a control plane is configured.
 */
public interface DeliveryMonitor {

    /** Starts a delivery round soon, so that a new result goes out promptly. Never blocks or throws. */
    void wake();

    /** How delivery is going. */
    DeliveryReport report();
}
