package org.assessmentruntime.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A host directory a plugin may read, and where it sees it. Always read-only: a plugin gathers
 * evidence, it never changes the system it assesses.
 *
 * <p>Paths containing a {@code ..} segment are rejected, so that what an operator approves is the
 * directory that is actually opened.
 *
 * @param hostPath  absolute path on the host, e.g. {@code /etc/ssh}
 * @param guestPath absolute path inside the sandbox, e.g. {@code /etc/ssh}; {@code hostPath} when absent
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record DirectoryGrant(String hostPath, String guestPath) {

    /** Validates; an absent guest path mirrors the host path. */
    public DirectoryGrant {
        Check.text(hostPath, "DirectoryGrant.hostPath");
        noDotDot(hostPath, "DirectoryGrant.hostPath");
        guestPath = guestPath == null || guestPath.isBlank() ? hostPath : guestPath;
        if (!guestPath.startsWith("/")) {
            throw new IllegalArgumentException("DirectoryGrant.guestPath '" + guestPath + "' must be absolute");
        }
        noDotDot(guestPath, "DirectoryGrant.guestPath");
    }

    private static void noDotDot(String path, String field) {
        for (String segment : path.split("[/\\\\]")) {
            if (segment.equals("..")) {
                throw new IllegalArgumentException(field + " '" + path + "' must not contain '..'");
            }
        }
    }
}
