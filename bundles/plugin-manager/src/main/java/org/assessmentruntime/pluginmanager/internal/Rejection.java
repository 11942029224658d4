package org.assessmentruntime.pluginmanager.internal;

/**
 * A local plugin (or configured directory) that was not installed, and why.
 *
 * @param source the directory or configuration entry
 * @param reason what is wrong, for an operator
 */
record Rejection(String source, String reason) {
}
