package org.assessmentruntime.pluginmanager.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.PluginVerificationException;
import org.assessmentruntime.api.model.PluginStatement;

/**
 * The Ed25519 public keys plugin signatures are checked with, by key id. Read from a properties file
 * ({@code keyId = base64 key}); a key is either X.509 SubjectPublicKeyInfo (as Java and OpenSSL write
 * it) or the raw 32 bytes of an Ed25519 public key.
 */
final class TrustedKeys {

    /** SubjectPublicKeyInfo of an Ed25519 key, up to the 32 key bytes (RFC 8410). */
    private static final byte[] ED25519_SPKI_PREFIX = { 0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03,
        0x21, 0x00 };

    static final TrustedKeys NONE = new TrustedKeys(Map.of(), "no trusted keys file");

    private final Map<String, PublicKey> keys;
    private final String source;

    private TrustedKeys(Map<String, PublicKey> keys, String source) {
        this.keys = Map.copyOf(keys);
        this.source = source;
    }

    /** @throws AssessmentException naming the file and key id, if the file or a key cannot be read */
    static TrustedKeys load(Path file) throws AssessmentException {
        if (file == null) {
            return NONE;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            return new TrustedKeys(Map.of(), "trusted keys file " + file + " (absent)");
        } catch (IOException | IllegalArgumentException e) {
            throw new AssessmentException("cannot read the trusted keys file " + file + ": " + e.getMessage(), e);
        }
        Map<String, PublicKey> keys = new TreeMap<>();
        for (String keyId : properties.stringPropertyNames()) {
            try {
                keys.put(keyId, parse(properties.getProperty(keyId).strip()));
            } catch (IllegalArgumentException | GeneralSecurityException e) {
                throw new AssessmentException("trusted keys file " + file + ": key '" + keyId
                        + "' is neither a base64 X.509 SubjectPublicKeyInfo nor a raw 32-byte Ed25519 key: "
                        + e.getMessage(), e);
            }
        }
        return new TrustedKeys(keys, "trusted keys file " + file);
    }

    static PublicKey parse(String base64) throws GeneralSecurityException {
        byte[] encoded = Base64.getDecoder().decode(base64);
        if (encoded.length == 32) {
            byte[] spki = new byte[ED25519_SPKI_PREFIX.length + 32];
            System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
            System.arraycopy(encoded, 0, spki, ED25519_SPKI_PREFIX.length, 32);
            encoded = spki;
        }
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
    }

    Set<String> ids() {
        return keys.keySet();
    }

    boolean trusts(String keyId) {
        return keys.containsKey(keyId);
    }

    /**
     * Checks a signature over a plugin statement (name, version, module and manifest digests).
     *
     * @param what      the plugin, for messages
     * @param keyId     the signing key's id, as the signature says
     * @param statement what the signature must vouch for: built by the caller from what it asked for and
     *                  the bytes it got, never from what the signer claims
     * @param signatureBase64 the signature
     * @throws PluginVerificationException if the key is not trusted, the signature is of the retired v1
     *                                     format, or it does not verify over exactly this statement
     */
    void verify(String what, String keyId, PluginStatement statement, String signatureBase64)
            throws PluginVerificationException {
        PublicKey key = keys.get(keyId);
        if (key == null) {
            throw new PluginVerificationException(what + " is signed by the key '" + keyId + "', which is not"
                    + " trusted (" + source + " has " + keys.keySet() + ")");
        }
        switch (statement.verify(key, signatureBase64)) {
            case VALID -> {
                return;
            }
            case RETIRED_V1 -> throw new PluginVerificationException(PluginStatement.retiredMessage(what));
            default -> throw new PluginVerificationException(what + ": the signature does not verify with the"
                    + " trusted key '" + keyId + "' over " + statement + " (signed by another key, or for another"
                    + " name, version, module or manifest)");
        }
    }
}
