package org.assessmentruntime.authentication.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM files: certificates, and PKCS#8 private keys. Errors name the setting and the file, never
 * any of the file's content.
 */
final class Pem {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

    private Pem() {
    }

    /** Every certificate in the file, in order (leaf first for a client chain). */
    static List<X509Certificate> certificates(String key, Path file) {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block block : blocks(key, file)) {
                if (block.type().equals("CERTIFICATE")) {
                    certificates.add((X509Certificate) factory.generateCertificate(
                            new ByteArrayInputStream(block.der(key, file))));
                }
            }
        } catch (CertificateException e) {
            throw new InvalidSettingsException(key, file + " holds a certificate that cannot be read ("
                    + e.getMessage() + ")");
        }
        if (certificates.isEmpty()) {
            throw new InvalidSettingsException(key, file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return certificates;
    }

    /** The one PKCS#8 private key in the file, RSA or EC. */
    static PrivateKey privateKey(String key, Path file) {
        List<Block> blocks = blocks(key, file);
        for (Block block : blocks) {
            switch (block.type()) {
                case "PRIVATE KEY":
                    return pkcs8(key, file, block.der(key, file));
                case "RSA PRIVATE KEY", "EC PRIVATE KEY":
                    throw new InvalidSettingsException(key, file + " holds a '" + block.type() + "' (PKCS#1/SEC1) key;"
                            + " the runtime reads PKCS#8 ('PRIVATE KEY'). Convert it with: openssl pkcs8 -topk8"
                            + " -nocrypt -in " + file + " -out key-pkcs8.pem");
                case "ENCRYPTED PRIVATE KEY":
                    throw new InvalidSettingsException(key, file + " holds an encrypted key; the runtime reads an"
                            + " unencrypted PKCS#8 key (protect it with file permissions), or use clientKeystore."
                            + " Decrypt it with: openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key-pkcs8.pem");
                default:
                    break;
            }
        }
        throw new InvalidSettingsException(key, file + " holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
    }

    private static PrivateKey pkcs8(String key, Path file, byte[] der) {
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // not this algorithm: try the next
            }
        }
        throw new InvalidSettingsException(key, file + " holds a private key that is neither RSA nor EC, or is damaged");
    }

    private static List<Block> blocks(String key, Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new InvalidSettingsException(key, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            blocks.add(new Block(m.group(1), m.group(2)));
        }
        return blocks;
    }

    /** One PEM block; toString shows no content, which may be a key. */
    private record Block(String type, String base64) {
        byte[] der(String key, Path file) {
            try {
                return Base64.getMimeDecoder().decode(base64);
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingsException(key, file + " has a damaged '" + type + "' block (bad base64)");
            }
        }

        @Override
        public String toString() {
            return "Block[" + type + "]";
        }
    }
}
