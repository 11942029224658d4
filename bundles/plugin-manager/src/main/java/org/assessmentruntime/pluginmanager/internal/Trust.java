package org.assessmentruntime.pluginmanager.internal;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.PluginVerificationException;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.pluginstore.InvalidPluginException;
import org.assessmentruntime.pluginstore.PluginPackage;

/**
 * Whether an installed version may still run: its module and manifest are still a valid plugin, and its
 * signature is acceptable under the trust policy in force now, which may have changed since it was
 * installed (a key no longer trusted, unsigned plugins no longer allowed).
 */
final class Trust {

    private Trust() {
    }

    /**
     * @param plugin   the installed version
     * @param module   its module, as the store hands it out (re-hashed on every read)
     * @param settings the policy in force now
     * @throws PluginVerificationException naming what is wrong
     */
    static void verify(InstalledPlugin plugin, byte[] module, Settings settings) throws AssessmentException {
        try {
            PluginPackage.of(plugin.descriptor(), module);
        } catch (InvalidPluginException e) {
            throw new PluginVerificationException(plugin.id() + " (" + plugin.digest() + "): " + e.getMessage(), e);
        }
        checkSignature(plugin, settings);
    }

    private static void checkSignature(InstalledPlugin plugin, Settings settings) throws AssessmentException {
        if (plugin.signature() == InstalledPlugin.SignatureStatus.VERIFIED) {
            // The signature was checked at installation; the key must still be trusted.
            TrustedKeys keys = settings.trustedKeys();
            if (!keys.trusts(plugin.signerKeyId())) {
                throw new PluginVerificationException(plugin.id() + " was signed by the key '" + plugin.signerKeyId()
                        + "', which is no longer trusted (trusted: " + keys.ids() + ")");
            }
            return;
        }
        if (plugin.source() == InstalledPlugin.Source.REGISTRY) {
            throw new PluginVerificationException(plugin.id() + " came from a registry without a signature");
        }
        if (!settings.allowUnsigned()) {
            throw new PluginVerificationException(plugin.id() + " (" + plugin.digest() + ") is not signed, and"
                    + " unsigned plugins are not allowed (allowUnsigned=false)");
        }
    }
}
