package org.assessmentruntime.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A host directory a module may open, where it sees it, and whether it may change it.
 *
 * <p>Read-only unless {@code writable}: a plugin gathers evidence, it never changes the system it
 * assesses, so the runtime's job runner refuses a writable grant in a plugin's manifest; only a tool
 * that runs arbitrary WASI modules on a user's behalf (the CLI's {@code wasm run --dir}) asks for one.
 * Even then the module cannot leave the directory: paths are resolved inside it, and symbolic links
 * that lead out are refused.
 *
 * <p>Paths containing a {@code ..} segment are rejected, so that what an operator approves is the
 * directory that is actually opened.
 *
 * @param hostPath  absolute path on the host, e.g. {@code /etc/ssh}
 * @param guestPath absolute path inside the sandbox, e.g. {@code /etc/ssh}; {@code hostPath} when absent
 * @param writable  whether the module may create, write, rename and remove inside it; false when absent
 *                  (a wrapper, so that a manifest without it reads as false even where a reader
 *                  refuses nulls for primitives; never null once constructed)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record DirectoryGrant(String hostPath, String guestPath,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) Boolean writable) {

    /** Validates; an absent guest path mirrors the host path, an absent {@code writable} is false. */
    public DirectoryGrant {
        writable = Boolean.TRUE.equals(writable);
        Check.text(hostPath, "DirectoryGrant.hostPath");
        noDotDot(hostPath, "DirectoryGrant.hostPath");
        guestPath = guestPath == null || guestPath.isBlank() ? hostPath : guestPath;
        if (!guestPath.startsWith("/")) {
            throw new IllegalArgumentException("DirectoryGrant.guestPath '" + guestPath + "' must be absolute");
        }
        noDotDot(guestPath, "DirectoryGrant.guestPath");
    }

    /**
     * A read-only grant.
     *
     * @param hostPath  absolute path on the host
     * @param guestPath absolute path inside the sandbox; {@code hostPath} when absent
     */
    public DirectoryGrant(String hostPath, String guestPath) {
        this(hostPath, guestPath, false);
    }

    private static void noDotDot(String path, String field) {
        for (String segment : path.split("[/\\\\]")) {
            if (segment.equals("..")) {
                throw new IllegalArgumentException(field + " '" + path + "' must not contain '..'");
            }
        }
    }
}
