package org.assessmentruntime.referencecp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The remote configuration the server offers at {@code GET /api/agent/config}: a JSON merge patch (RFC 7396) with a
 * revision. Revision 0 is the empty overlay {@code {}}.
 */
public final class RemoteConfig {

    /** One published revision; immutable (the overlay is a private copy never handed out). */
    record Revision(long number, ObjectNode overlay, Instant createdAt, String etag) {
    }

    private Revision current = revision(0, Json.MAPPER.createObjectNode());

    RemoteConfig() {
    }

    /**
     * Publishes a new revision.
     *
     * @param overlay a JSON object (merge patch over the agent's configuration)
     * @return the new revision number (1, 2, ...)
     */
    public synchronized long publish(JsonNode overlay) {
        Objects.requireNonNull(overlay, "overlay");
        if (!overlay.isObject()) {
            throw new IllegalArgumentException("overlay must be a JSON object, got " + overlay.getNodeType());
        }
        current = revision(current.number() + 1, ((ObjectNode) overlay).deepCopy());
        return current.number();
    }

    public synchronized long revision() {
        return current.number();
    }

    /** The current ETag header value, quoted (opaque to clients). */
    public synchronized String etag() {
        return current.etag();
    }

    /** A copy of the current overlay. */
    public synchronized ObjectNode overlay() {
        return current.overlay().deepCopy();
    }

    synchronized Revision current() {
        return current;
    }

    private static Revision revision(long number, ObjectNode overlay) {
        return new Revision(number, overlay, Instant.now(), etagOf(number, overlay));
    }

    // Opaque on purpose (not the bare revision number): clients must echo it verbatim, not interpret it.
    private static String etagOf(long number, ObjectNode overlay) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((number + ":" + overlay).getBytes(StandardCharsets.UTF_8));
            return "\"r" + number + "-" + HexFormat.of().formatHex(digest, 0, 8) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
