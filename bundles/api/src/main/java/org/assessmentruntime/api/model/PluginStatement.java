package org.assessmentruntime.api.model;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;

/**
 * What a plugin signature vouches for: one plugin version, by name, version, module digest and
 * manifest digest, all at once. Signing the module digest alone (the retired v1 format) let a registry
 * re-serve a trusted module under another name, a newer version or with a wider {@code plugin.json}
 * (more grants, a longer timeout) and still pass as verified; binding all four in one statement makes
 * each of those a signature failure.
 *
 * <p>The signed bytes are this canonical UTF-8 text, one {@code key: value} line each, in this order,
 * each ending with a line feed:
 *
 * <pre>
 * assessment-plugin-signature/v2
 * name: examples/os-baseline
 * version: 1.0.0
 * module-sha256: &lt;64 lower-case hex digits&gt;
 * manifest-sha256: &lt;64 lower-case hex digits&gt;
 * </pre>
 *
 * signed with Ed25519 (JDK crypto). Every signer and verifier of the runtime (the plugin manager for
 * registries, OCI registries, local directories and the deploy folder; the CLI's {@code plugin sign},
 * {@code plugin verify} and {@code registry build}) builds the text here, so that there is one format.
 *
 * @param name           the plugin's {@code namespace/name}
 * @param version        its semantic version
 * @param moduleDigest   SHA-256 of its WebAssembly module
 * @param manifestDigest SHA-256 of its {@code plugin.json} bytes, exactly as served or deployed
 */
public record PluginStatement(String name, String version, Digest moduleDigest, Digest manifestDigest) {

    /** The format tag, the statement's first line. */
    public static final String FORMAT = "assessment-plugin-signature/v2";

    /** The signature algorithm. */
    public static final String ALGORITHM = "Ed25519";

    /** What checking a signature against a statement found. */
    public enum Verdict {
        /** The signature is over this statement, by this key. */
        VALID,
        /**
         * The signature is the retired v1 form (over the 32 raw bytes of the module digest only), by this
         * key: it does not bind name, version or manifest, and is refused.
         */
        RETIRED_V1,
        /** Neither: another key, other bytes, another name, version or manifest, or no signature at all. */
        INVALID
    }

    /** Validates name and version ({@link PluginId}) and requires both digests. */
    public PluginStatement {
        PluginId id = new PluginId(name, version);
        name = id.name();
        version = id.version();
        Check.required(moduleDigest, "PluginStatement.moduleDigest");
        Check.required(manifestDigest, "PluginStatement.manifestDigest");
    }

    /**
     * The statement for a plugin's bytes.
     *
     * @param name     the plugin's name
     * @param version  its version
     * @param module   its module bytes
     * @param manifest its {@code plugin.json} bytes
     * @return the statement
     */
    public static PluginStatement of(String name, String version, byte[] module, byte[] manifest) {
        return new PluginStatement(name, version, Digest.sha256(module), Digest.sha256(manifest));
    }

    /** @return the canonical text (see the type's description) */
    public String text() {
        return FORMAT + "\nname: " + name + "\nversion: " + version + "\nmodule-sha256: " + moduleDigest.hex()
                + "\nmanifest-sha256: " + manifestDigest.hex() + "\n";
    }

    /**
     * Signs the statement.
     *
     * @param key an Ed25519 private key
     * @return the signature, base64
     * @throws IllegalArgumentException if the key is no Ed25519 private key
     */
    public String sign(PrivateKey key) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(text().getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this key (an Ed25519 private key is needed): "
                    + e.getMessage(), e);
        }
    }

    /**
     * Checks a signature against this statement and a public key.
     *
     * @param key             an Ed25519 public key
     * @param signatureBase64 the signature, base64; malformed text is {@link Verdict#INVALID}
     * @return {@link Verdict#VALID} only for a signature over exactly this statement by this key
     */
    public Verdict verify(PublicKey key, String signatureBase64) {
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(signatureBase64 == null ? "" : signatureBase64.strip());
        } catch (IllegalArgumentException e) {
            return Verdict.INVALID;
        }
        if (signature.length != 64) {
            return Verdict.INVALID;
        }
        if (verifies(key, text().getBytes(StandardCharsets.UTF_8), signature)) {
            return Verdict.VALID;
        }
        // Only to say so clearly: a v1 signature never makes a plugin trusted.
        return verifies(key, HexFormat.of().parseHex(moduleDigest.hex()), signature) ? Verdict.RETIRED_V1
                : Verdict.INVALID;
    }

    /**
     * The message for a signature in the retired v1 format.
     *
     * @param what the plugin (or file) the signature is of
     * @return a message naming the problem and the remedy
     */
    public static String retiredMessage(String what) {
        return what + " is signed in the retired v1 format (a signature over the module digest alone, which"
                + " does not bind the plugin's name, version and manifest): refused; re-sign it with"
                + " assessment-cli plugin sign (format " + FORMAT + ")";
    }

    private static boolean verifies(PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code name@version (module sha256:…, manifest sha256:…)}. */
    @Override
    public String toString() {
        return name + "@" + version + " (module " + moduleDigest + ", manifest " + manifestDigest + ")";
    }
}
