package org.assessmentruntime.itests.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

import org.assessmentruntime.api.model.PluginSignature;
import org.assessmentruntime.api.model.PluginStatement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Signs the plugins a test deploys, as {@code assessment-cli plugin sign} does: the distribution runs
 * signed plugins only, so a test adds a key of its own to the unpacked copy's
 * {@code etc/plugins.trusted-keys.properties} (read at every installation) and signs with it.
 */
public final class PluginSigner {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeyPair key;
    private final String keyId;

    private PluginSigner(KeyPair key, String keyId) {
        this.key = key;
        this.keyId = keyId;
    }

    /** A new key, trusted from now on by the runtime in {@code karafHome}. */
    public static PluginSigner trustedBy(Path karafHome, String keyId) throws IOException {
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance(PluginStatement.ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        Files.writeString(karafHome.resolve("etc/plugins.trusted-keys.properties"), "\n" + keyId + " = "
                + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return new PluginSigner(pair, keyId);
    }

    /** The signature file ({@code plugin.sig}, or {@code NAME.sig} in deploy/) for these exact bytes. */
    public byte[] signatureFile(byte[] module, byte[] manifest) throws IOException {
        JsonNode descriptor = JSON.readTree(manifest);
        PluginStatement statement = PluginStatement.of(descriptor.path("name").asText(),
                descriptor.path("version").asText(), module, manifest);
        return JSON.writeValueAsBytes(PluginSignature.of(statement, keyId, statement.sign(key.getPrivate())));
    }
}
