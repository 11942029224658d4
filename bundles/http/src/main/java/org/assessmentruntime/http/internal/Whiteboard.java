package org.assessmentruntime.http.internal;

/**
 * The OSGi HTTP Whiteboard properties our services carry. Plain strings rather than the whiteboard's
 * component property annotations: those make bnd require the {@code osgi.http} implementation capability,
 * which pax-web 8 does not declare, so the feature would not resolve.
 */
final class Whiteboard {

    /** Name of our {@link AccessContext}. */
    static final String CONTEXT_NAME = "org.assessmentruntime.http";

    /** Names a servlet context helper {@link #CONTEXT_NAME}. */
    static final String CONTEXT_NAME_PROPERTY = "osgi.http.whiteboard.context.name=" + CONTEXT_NAME;

    /**
     * Puts the context at the root path, where the endpoints are documented. pax-web 8 keeps servlet
     * context helpers of the same path side by side, each guarding only the servlets that select it, so
     * other bundles' servlets at {@code /} are not meant to be affected (not tested with one installed).
     */
    static final String CONTEXT_PATH_PROPERTY = "osgi.http.whiteboard.context.path=/";

    /** Puts a servlet into our context, so that {@link AccessContext#handleSecurity} guards it. */
    static final String SELECT_CONTEXT = "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name="
            + CONTEXT_NAME + ")";

    /** Prefix of a servlet's URL pattern property. */
    static final String PATTERN = "osgi.http.whiteboard.servlet.pattern=";

    /** Prefix of a servlet's name property. */
    static final String NAME = "osgi.http.whiteboard.servlet.name=";

    private Whiteboard() {
    }
}
