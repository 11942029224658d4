package org.assessmentruntime.resultscollector.internal.oscal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The uuids of the OSCAL document. OSCAL accepts only version 4 and 5 uuids, and requires them unique
 * within a document, while plugins name their observations with any uuid (often name-based, version 3,
 * and the same in every run). So every object gets a version 5 uuid derived from what it is: the same
 * results always export to the same uuids, and the object of one result never collides with that of
 * another. The original uuid is kept in a {@code source-uuid} property.
 */
public final class Ids {

    /** Namespace of this runtime's name-based uuids (RFC 4122, section 4.3). Never change it. */
    static final UUID NAMESPACE = UUID.fromString("69999131-4313-4a4e-ae2a-421ed8bf9588");

    private Ids() {
    }

    /** A version 5 uuid for an object of a kind, named by its parts. */
    public static UUID of(String kind, Object... parts) {
        return v5(NAMESPACE, kind + ":" + Arrays.stream(parts).map(String::valueOf).collect(Collectors.joining("/")));
    }

    /**
     * The uuid itself when OSCAL accepts it (version 4 or 5), else one derived from it: subjects keep their
     * identity from run to run and document to document.
     */
    static UUID subject(UUID uuid) {
        return uuid.variant() == 2 && (uuid.version() == 4 || uuid.version() == 5) ? uuid : of("subject", uuid);
    }

    /** RFC 4122 name-based uuid with SHA-1. */
    static UUID v5(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-1.
            throw new IllegalStateException(e);
        }
        sha1.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits()).array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bits = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bits.getLong(), bits.getLong());
    }
}
