package org.assessmentruntime.resultscollector.internal.delivery;

import java.nio.charset.StandardCharsets;

import org.assessmentruntime.camel.controlplane.ControlPlaneErrors;
import org.assessmentruntime.resultscollector.internal.Json;
import org.assessmentruntime.resultscollector.internal.oscal.Text;

import com.fasterxml.jackson.core.JsonParser;

/**
 * The control plane's answer to a request.
 *
 * @param status     the HTTP status
 * @param body       the body; empty when none
 * @param retryAfter the {@code Retry-After} header; null when absent
 * @param readable   whether the body is empty or JSON; decided once, when the reply arrives, because every
 *                   verdict on the reply ({@link #success()}, {@link #retryable()}, {@link #error()}) needs
 *                   it and a single post's reply echoes the whole evidence
 */
record Reply(int status, byte[] body, String retryAfter, boolean readable) {

    /** Longest error text kept for operators. */
    static final int MAX_ERROR = 300;

    Reply {
        body = body == null ? new byte[0] : body;
    }

    /** A reply whose body is checked for being JSON here. */
    Reply(int status, byte[] body, String retryAfter) {
        this(status, body, retryAfter, isEmptyOrJson(body));
    }

    /**
     * Whether the control plane took the request: a 2xx whose body, if any, is JSON. A 2xx with a body that
     * is not JSON (a proxy's error page, a truncated reply) proves nothing about what was stored, so it is
     * not a success: the result is sent again later, which is safe because the receiver dedupes on the
     * result id.
     */
    boolean success() {
        return status >= 200 && status < 300 && readable();
    }

    /**
     * Whether the body is empty (or blank) or starts with a well-formed JSON value: what reading it as a tree
     * accepts, found by walking the tokens without building the tree.
     */
    private static boolean isEmptyOrJson(byte[] body) {
        if (body == null || body.length == 0) {
            return true;
        }
        try (JsonParser parser = Json.MAPPER.createParser(body)) {
            if (parser.nextToken() != null) {
                parser.skipChildren();
            }
            return true;
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Whether trying later may work: the server is failing or overloaded (5xx, 429, 408), the token was
     * refused even after the shared route's retry with a fresh one (401), or access is refused (403: a
     * revoked key, an inactive agent; the operator fixes it without touching the results). Anything else
     * that is not a success, except 4xx, counts too (a redirect the client did not follow).
     */
    boolean retryable() {
        return !success() && (status < 400 || status >= 500 || status == 401 || status == 403 || status == 408
                || status == 429);
    }

    /**
     * The server's error in a line, shortened: the messages of {@code {"errors": {...}}}, else the body as
     * text.
     */
    String error() {
        if (status >= 200 && status < 300 && !readable()) {
            return "the reply is not JSON, so it is unknown what was stored; sending again later";
        }
        // The envelope's messages, else (a proxy's page, a plain-text error) the body as text.
        String text = ControlPlaneErrors.messages(body).orElseGet(() -> new String(body, StandardCharsets.UTF_8));
        String line = Text.line(text);
        if (line == null) {
            return "no error text";
        }
        return line.length() > MAX_ERROR ? line.substring(0, MAX_ERROR) + "…" : line;
    }
}
