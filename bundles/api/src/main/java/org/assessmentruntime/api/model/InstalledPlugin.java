package org.assessmentruntime.api.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A plugin version held in the plugin store: its manifest, the digest of its module, and how it got
 * there. Versions are immutable: the same name and version always have the same digest.
 *
 * @param descriptor  its manifest
 * @param digest      SHA-256 of its WebAssembly module
 * @param source      where it came from
 * @param signature   what its signature check found
 * @param signerKeyId the trusted key that signed it (its fingerprint), empty when unsigned; kept so that
 *                    the plugins signed by a key can be found when the key is revoked
 * @param installedAt when it entered the store
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record InstalledPlugin(PluginDescriptor descriptor, Digest digest, Source source, SignatureStatus signature,
        String signerKeyId, Instant installedAt) {

    /** Where a plugin came from. */
    public enum Source {
        /** Downloaded from a plugin registry. */
        REGISTRY,
        /** Shipped inside an OSGi bundle. */
        BUNDLE,
        /** Dropped into the runtime's deploy folder. */
        DEPLOY_FOLDER,
        /** Installed from a local file by an operator. */
        LOCAL
    }

    /** Outcome of checking a plugin's signature when it was installed or last verified. */
    public enum SignatureStatus {
        /** Signed by a trusted key over its {@link PluginStatement}: name, version, module and manifest digests. */
        VERIFIED,
        /** Not signed, admitted because the operator's policy allows unsigned plugins. */
        UNSIGNED
    }

    /** Validates. */
    public InstalledPlugin {
        Check.required(descriptor, "InstalledPlugin.descriptor");
        Check.required(digest, "InstalledPlugin.digest");
        Check.required(source, "InstalledPlugin.source");
        Check.required(signature, "InstalledPlugin.signature");
        signerKeyId = Check.optional(signerKeyId);
        if (signature == SignatureStatus.VERIFIED && signerKeyId.isEmpty()) {
            throw new IllegalArgumentException("InstalledPlugin.signerKeyId is required when the signature is VERIFIED");
        }
        Check.required(installedAt, "InstalledPlugin.installedAt");
    }

    /** The plugin's name and version. */
    public PluginId id() {
        return descriptor.id();
    }
}
