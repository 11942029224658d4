package org.assessmentruntime.pluginmanager.internal;

import java.io.IOException;

import org.assessmentruntime.api.PluginVerificationException;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.api.model.PluginSignature;
import org.assessmentruntime.api.model.PluginStatement;
import org.assessmentruntime.pluginstore.PluginPackage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * Whether a plugin from a local directory, the deploy folder or a bundle may be installed, and as what:
 * signed (its detached signature file verifies with a trusted key over the plugin's name, version,
 * module and manifest) or, only when the operator allows unsigned plugins, unsigned. A signature that
 * is present but does not verify is always refused: it is never taken for "unsigned".
 *
 * @param signature the signature status to install it with
 * @param keyId     the key that signed it; null when unsigned
 */
record Admission(InstalledPlugin.SignatureStatus signature, String keyId) {

    // Lenient, like the record itself (@JsonIgnoreProperties): fields a later format adds do not make a
    // signature file unreadable; what is verified is what this runtime knows.
    private static final ObjectReader SIGNATURE = Json.MAPPER.readerFor(PluginSignature.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    static final Admission UNSIGNED = new Admission(InstalledPlugin.SignatureStatus.UNSIGNED, null);

    /**
     * @param what          the plugin and where it comes from, for messages
     * @param pkg           the validated plugin
     * @param manifest      its {@code plugin.json} bytes, as read
     * @param signatureFile the signature file's bytes, or null when there is none
     * @param signatureName the signature file's name, for messages
     * @param keys          the trusted keys
     * @param allowUnsigned whether unsigned plugins are allowed
     * @throws PluginVerificationException if the signature is malformed, of the retired v1 format, by an
     *                                     untrusted key or does not verify; or there is none and unsigned
     *                                     plugins are not allowed
     */
    static Admission of(String what, PluginPackage pkg, byte[] manifest, byte[] signatureFile,
            String signatureName, TrustedKeys keys, boolean allowUnsigned) throws PluginVerificationException {
        if (signatureFile == null) {
            if (!allowUnsigned) {
                throw new PluginVerificationException(what + " is not signed (no " + signatureName + " beside it),"
                        + " and unsigned plugins are not allowed (allowUnsigned=false): sign it with assessment-cli"
                        + " plugin sign and add the key to the trusted keys");
            }
            return UNSIGNED;
        }
        PluginSignature signature;
        try {
            signature = SIGNATURE.readValue(signatureFile);
        } catch (JsonProcessingException e) {
            throw new PluginVerificationException(what + ": " + signatureName + " is not a plugin signature: "
                    + e.getOriginalMessage(), e);
        } catch (IOException | IllegalArgumentException e) {
            throw new PluginVerificationException(what + ": " + signatureName + " is not a plugin signature: "
                    + e.getMessage(), e);
        }
        if (signature == null) {
            throw new PluginVerificationException(what + ": " + signatureName + " is empty");
        }
        if (signature.retired()) {
            throw new PluginVerificationException(signature.format() == null
                    ? PluginStatement.retiredMessage(what + " (" + signatureName + ")")
                    : what + ": " + signatureName + " has the unknown format '" + signature.format() + "'; expected "
                            + PluginStatement.FORMAT);
        }
        if (signature.keyId() == null || signature.keyId().isBlank() || signature.signature() == null) {
            throw new PluginVerificationException(what + ": " + signatureName + " has no keyId and signature");
        }
        // Built from the files, never from what the signature file restates.
        PluginStatement statement = new PluginStatement(pkg.id().name(), pkg.id().version(), pkg.digest(),
                Digest.sha256(manifest));
        keys.verify(what, signature.keyId(), statement, signature.signature());
        return new Admission(InstalledPlugin.SignatureStatus.VERIFIED, signature.keyId());
    }
}
