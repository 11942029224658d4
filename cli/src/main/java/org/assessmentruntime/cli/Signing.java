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
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.assessmentruntime.api.model.PluginDescriptor;
import org.assessmentruntime.api.model.PluginSignature;
import org.assessmentruntime.api.model.PluginStatement;

import com.fasterxml.jackson.core.type.TypeReference;

/**
 * Ed25519 signatures of plugins: the key files, and {@code plugin.sig}, the signature of one
 * {@link PluginStatement} (name, version, module and manifest digests; see plugins/REGISTRY.md). The
 * statement and its signing are the runtime's own ({@code assessment-api}), so that what the CLI signs
 * is exactly what the plugin manager verifies. JDK crypto only.
 */
final class Signing {

    static final String SIGNATURE_FILE = "plugin.sig";
    static final String ALGORITHM = PluginStatement.ALGORITHM;
    static final String PRIVATE_PEM = "PRIVATE KEY";
    static final String PUBLIC_PEM = "PUBLIC KEY";
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private Signing() {
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

    /** Signs a plugin's files as their statement, name and version taken from the manifest. */
    static PluginSignature create(PrivateKey key, String keyId, PluginDescriptor descriptor, byte[] module,
            byte[] manifest) {
        PluginStatement statement = PluginStatement.of(descriptor.name(), descriptor.version(), module, manifest);
        return PluginSignature.of(statement, keyId, statement.sign(key));
    }

    static void write(Path file, PluginSignature sig) throws IOException {
        Files.writeString(file, CliJson.pretty(sig) + "\n");
    }

    /**
     * Reads a signature file; one of the retired v1 format reads too ({@link PluginSignature#retired()}).
     *
     * @throws java.nio.file.NoSuchFileException if there is none
     */
    static PluginSignature read(Path file) throws IOException, Invalid {
        PluginSignature sig;
        try {
            sig = CliJson.read(file, new TypeReference<PluginSignature>() {
            }, "a plugin signature {format, name, version, moduleDigest, manifestDigest, keyId, signature}");
        } catch (CliJson.Invalid e) {
            throw new Invalid(e.getMessage());
        }
        if (sig.retired()) {
            return sig;
        }
        if (sig.signature() == null || sig.signature().isEmpty()) {
            throw new Invalid(file + ": signature is missing");
        }
        if (sig.keyId() == null || !validKeyId(sig.keyId())) {
            throw new Invalid(file + ": keyId is missing or invalid");
        }
        if (sig.moduleDigest() == null || sig.manifestDigest() == null || sig.name() == null
                || sig.version() == null) {
            throw new Invalid(file + ": name, version, moduleDigest and manifestDigest are required");
        }
        return sig;
    }

    /**
     * The problems of a plugin's files against its signature: none when the file is of the current
     * format, the files are the ones signed and, if a key is given, the signature verifies with it over
     * the statement rebuilt from the files.
     *
     * @param descriptor the plugin's manifest, parsed (name and version)
     * @param key        the public key, or null to check only the digests
     */
    static List<String> check(PluginSignature sig, PluginDescriptor descriptor, byte[] module, byte[] manifest,
            PublicKey key) {
        List<String> problems = new ArrayList<>();
        if (sig.retired()) {
            problems.add(sig.format() == null ? PluginStatement.retiredMessage(SIGNATURE_FILE)
                    : SIGNATURE_FILE + " has the unknown format '" + sig.format() + "'; expected "
                            + PluginStatement.FORMAT);
            return problems;
        }
        PluginStatement statement = PluginStatement.of(descriptor.name(), descriptor.version(), module, manifest);
        if (!statement.moduleDigest().equals(sig.moduleDigest())) {
            problems.add("plugin.wasm does not match its signature: its SHA-256 is " + statement.moduleDigest()
                    + ", the signed one " + sig.moduleDigest() + " (the module was changed after signing)");
        }
        if (!statement.manifestDigest().equals(sig.manifestDigest())) {
            problems.add("plugin.json does not match its signature: its SHA-256 is " + statement.manifestDigest()
                    + ", the signed one " + sig.manifestDigest() + " (the manifest was changed after signing)");
        }
        if (!statement.name().equals(sig.name()) || !statement.version().equals(sig.version())) {
            problems.add("the signature is for " + sig.name() + "@" + sig.version() + ", the plugin is "
                    + statement.name() + "@" + statement.version());
        }
        if (problems.isEmpty() && key != null) {
            switch (statement.verify(key, sig.signature())) {
                case VALID -> {
                }
                case RETIRED_V1 -> problems.add(PluginStatement.retiredMessage(SIGNATURE_FILE));
                default -> problems.add("the signature does not verify with the public key (signed by another key"
                        + " than '" + sig.keyId() + "' given, or the signature was changed)");
            }
        }
        return problems;
    }
}
