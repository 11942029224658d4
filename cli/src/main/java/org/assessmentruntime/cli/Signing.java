package org.assessmentruntime.cli;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.type.TypeReference;

/**
 * Ed25519 signatures of plugins, as the registry (plugins/REGISTRY.md) expects them: over the 32 raw
 * bytes of the module's SHA-256. {@code plugin.sig} also holds the manifest's digest, signed the same
 * way, so that a changed manifest is detected too. JDK crypto only.
 */
final class Signing {

    static final String SIGNATURE_FILE = "plugin.sig";
    static final String ALGORITHM = "Ed25519";
    static final String PRIVATE_PEM = "PRIVATE KEY";
    static final String PUBLIC_PEM = "PUBLIC KEY";
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private Signing() {
    }

    /** The contents of {@code plugin.sig}. */
    record PluginSignature(String sha256, String signature, String keyId, String manifestSha256,
            String manifestSignature) {
    }

    /** A key or signature file that is not what it must be. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    static boolean validKeyId(String id) {
        return KEY_ID.matcher(id).matches();
    }

    static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** The DER inside a PEM file of the given type (or the file's base64 text without PEM armour). */
    static byte[] readPem(Path file, String type) throws IOException, Invalid {
        String text = Files.readString(file, US_ASCII).strip();
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        if (text.startsWith("-----BEGIN ")) {
            int from = text.indexOf(begin);
            int to = text.indexOf(end);
            if (from < 0 || to < from) {
                throw new Invalid(file + ": not a PEM " + type + " (expected '" + begin + "')");
            }
            text = text.substring(from + begin.length(), to);
        }
        try {
            return Base64.getMimeDecoder().decode(text.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new Invalid(file + ": not a PEM " + type + ": " + e.getMessage());
        }
    }

    static PrivateKey privateKey(Path file) throws IOException, Invalid {
        byte[] der = readPem(file, PRIVATE_PEM);
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new Invalid(file + ": not an Ed25519 private key (PKCS#8 PEM): " + e.getMessage());
        }
    }

    static PublicKey publicKey(Path file) throws IOException, Invalid {
        byte[] der = readPem(file, PUBLIC_PEM);
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new Invalid(file + ": not an Ed25519 public key (X.509 SubjectPublicKeyInfo PEM): "
                    + e.getMessage());
        }
    }

    static byte[] sign(PrivateKey key, byte[] digest) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key);
            signature.update(digest);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the key: " + e.getMessage(), e);
        }
    }

    static boolean verify(PublicKey key, byte[] digest, String base64Signature) {
        try {
            byte[] sig = Base64.getDecoder().decode(base64Signature);
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(key);
            signature.update(digest);
            return signature.verify(sig);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    static PluginSignature create(PrivateKey key, String keyId, byte[] module, byte[] manifest) {
        byte[] moduleDigest = sha256(module);
        byte[] manifestDigest = sha256(manifest);
        Base64.Encoder b64 = Base64.getEncoder();
        return new PluginSignature(hex(moduleDigest), b64.encodeToString(sign(key, moduleDigest)), keyId,
                hex(manifestDigest), b64.encodeToString(sign(key, manifestDigest)));
    }

    static void write(Path file, PluginSignature sig) throws IOException {
        Map<String, String> json = new LinkedHashMap<>();
        json.put("sha256", sig.sha256());
        json.put("signature", sig.signature());
        json.put("keyId", sig.keyId());
        json.put("manifestSha256", sig.manifestSha256());
        json.put("manifestSignature", sig.manifestSignature());
        Files.writeString(file, CliJson.pretty(json) + "\n");
    }

    /**
     * Reads {@code plugin.sig}.
     *
     * @throws java.nio.file.NoSuchFileException if there is none
     */
    static PluginSignature read(Path file) throws IOException, Invalid {
        PluginSignature sig;
        try {
            sig = CliJson.read(file, new TypeReference<PluginSignature>() {
            }, "a plugin signature {sha256, signature, keyId, manifestSha256, manifestSignature}");
        } catch (CliJson.Invalid e) {
            throw new Invalid(e.getMessage());
        }
        if (sig.sha256() == null || !sig.sha256().matches("[0-9a-f]{64}")) {
            throw new Invalid(file + ": sha256 must be 64 lower-case hex digits");
        }
        if (sig.signature() == null || sig.signature().isEmpty()) {
            throw new Invalid(file + ": signature is missing");
        }
        if (sig.keyId() == null || !validKeyId(sig.keyId())) {
            throw new Invalid(file + ": keyId is missing or invalid");
        }
        if (sig.manifestSha256() == null || !sig.manifestSha256().matches("[0-9a-f]{64}")
                || sig.manifestSignature() == null) {
            throw new Invalid(file + ": manifestSha256 and manifestSignature are required");
        }
        return sig;
    }

    /**
     * The problems of a plugin's files against its signature: none when the bytes match and, if a key is
     * given, the signatures verify with it.
     *
     * @param key the public key, or null to check only the digests
     */
    static java.util.List<String> check(PluginSignature sig, byte[] module, byte[] manifest, PublicKey key) {
        java.util.List<String> problems = new java.util.ArrayList<>();
        byte[] moduleDigest = sha256(module);
        byte[] manifestDigest = sha256(manifest);
        if (!hex(moduleDigest).equals(sig.sha256())) {
            problems.add("plugin.wasm does not match its signature: its SHA-256 is " + hex(moduleDigest)
                    + ", the signed one " + sig.sha256() + " (the module was changed after signing)");
        } else if (key != null && !verify(key, moduleDigest, sig.signature())) {
            problems.add("the module's signature does not verify with the public key (signed by another key "
                    + "than '" + sig.keyId() + "' given, or the signature was changed)");
        }
        if (!hex(manifestDigest).equals(sig.manifestSha256())) {
            problems.add("plugin.json does not match its signature: its SHA-256 is " + hex(manifestDigest)
                    + ", the signed one " + sig.manifestSha256() + " (the manifest was changed after signing)");
        } else if (key != null && !verify(key, manifestDigest, sig.manifestSignature())) {
            problems.add("the manifest's signature does not verify with the public key");
        }
        return problems;
    }
}
