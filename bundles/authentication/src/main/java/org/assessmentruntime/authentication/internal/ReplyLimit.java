package org.assessmentruntime.authentication.internal;

/**
 * The most bytes a control-plane reply may have, and the setting that says so (for the error message).
 *
 * @param maxBytes the limit, in bytes of the decoded body
 * @param setting  the setting of {@link ControlPlaneConfig} it comes from
 */
record ReplyLimit(long maxBytes, String setting) {

    /** For messages: {@code 64 KiB (maxTokenReplyKiB)}. */
    String describe() {
        return maxBytes / 1024 + " KiB (" + setting + ")";
    }
}
