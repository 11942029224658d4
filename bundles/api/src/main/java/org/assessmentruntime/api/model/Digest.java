package org.assessmentruntime.api.model;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A content digest, written {@code sha256:<64 lower-case hex digits>} as in OCI and in the control
 * plane's {@code effective-digest}. Plugins are stored, cached, pinned and signed by digest.
 *
 * <p>Only SHA-256 is accepted: one algorithm means one key per module in every cache and store, and a
 * digest string read from anywhere can be compared with {@code equals}.
 *
 * @param algorithm always {@value #SHA256}
 * @param hex       the digest as 64 hex digits; upper case is accepted and normalised to lower case
 */
public record Digest(String algorithm, String hex) {

    /** The only supported algorithm. */
    public static final String SHA256 = "sha256";

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    /** Validates and normalises the hex digits to lower case. */
    public Digest {
        Check.text(algorithm, "Digest.algorithm");
        if (!SHA256.equals(algorithm)) {
            throw new IllegalArgumentException("Digest.algorithm '" + algorithm + "' is not supported; only '"
                    + SHA256 + "' is");
        }
        Check.text(hex, "Digest.hex");
        hex = hex.toLowerCase(Locale.ROOT);
        if (!HEX64.matcher(hex).matches()) {
            throw new IllegalArgumentException("Digest.hex must be 64 hexadecimal digits, got " + hex.length()
                    + " characters: '" + hex + "'");
        }
    }

    /**
     * Parses {@code sha256:<hex>}.
     *
     * @param text the digest as written
     * @return the digest
     * @throws IllegalArgumentException if the text is not a SHA-256 digest
     */
    @JsonCreator
    public static Digest parse(String text) {
        Check.text(text, "digest");
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("digest '" + text + "' must be written " + SHA256 + ":<hex>");
        }
        return new Digest(text.substring(0, colon), text.substring(colon + 1));
    }

    /**
     * Computes the SHA-256 digest of some bytes.
     *
     * @param content the bytes
     * @return their digest
     */
    public static Digest sha256(byte[] content) {
        return new Digest(SHA256, HexFormat.of().formatHex(newSha256().digest(content)));
    }

    /**
     * Whether some bytes have this digest. Compares in constant time, because the answer decides
     * whether bytes of unknown origin are trusted.
     *
     * @param content the bytes to check
     * @return whether their SHA-256 digest is this one
     */
    public boolean matches(byte[] content) {
        return MessageDigest.isEqual(newSha256().digest(content), HexFormat.of().parseHex(hex));
    }

    /** {@code sha256:<hex>}; also the JSON form. */
    @JsonValue
    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256.
            throw new IllegalStateException(e);
        }
    }
}
