package org.assessmentruntime.pluginmanager.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.api.model.PluginId;
import org.assessmentruntime.api.model.PluginRef;
import org.junit.jupiter.api.Test;

/**
 * Installing from a real OCI registry ({@link OciRegistryFixture}): pulled by digest, checked against
 * digests and signature, locked.
 */
class OciInstallTest extends OciRegistryFixture {

    @Test
    void installsByConstraintPullingByDigestAndLocksTheManifestDigest() throws Exception {
        push("1.0.0", null);
        String manifest11 = push("1.1.0", "one-one");
        push("2.0.0", "two");

        InstalledPlugin plugin = manager.install(PluginRef.parse(OS + "@~> 1.0"));
        assertThat(plugin.id()).isEqualTo(new PluginId(OS, "1.1.0"));
        assertThat(plugin.digest()).isEqualTo(Digest.sha256(ExamplePlugin.module("one-one")));
        assertThat(plugin.source()).isEqualTo(InstalledPlugin.Source.REGISTRY);
        assertThat(plugin.signature()).isEqualTo(InstalledPlugin.SignatureStatus.VERIFIED);
        assertThat(plugin.signerKeyId()).isEqualTo("release-2026");
        assertThat(new LockFile(lockFile).get(OS))
                .hasValue(new LockFile.Entry("1.1.0", plugin.digest(), manifest11));
        assertThat(manager.verify(plugin.id())).isEqualTo(plugin);

        // The tag is moved to other bytes: the lock file's manifest digest still pulls the locked ones.
        manager.remove(PluginRef.parse(OS));
        push("1.1.0", "moved");
        assertThat(manager.install(PluginRef.parse(OS + "@~> 1.0")).digest()).isEqualTo(plugin.digest());

        InstalledPlugin upgraded = manager.upgrade(OS).orElseThrow();
        assertThat(upgraded.id().version()).isEqualTo("2.0.0");
        assertThat(new LockFile(lockFile).get(OS).orElseThrow().ociManifest()).startsWith("sha256:");
    }

    @Test
    void aTamperedBlobIsRefusedAndTheStoreIsUnchanged() throws Exception {
        push("1.0.0", "tampered");
        Path blob = storage.resolve("docker/registry/v2/blobs/sha256/" + Digest.sha256(
                ExamplePlugin.module("tampered")).hex().substring(0, 2) + "/"
                + Digest.sha256(ExamplePlugin.module("tampered")).hex() + "/data");
        byte[] bytes = Files.readAllBytes(blob);
        bytes[bytes.length - 1] ^= 1; // same size, other bytes
        Files.write(blob, bytes);

        assertRefused(() -> manager.install(PluginRef.parse(OS)), "tampered or corrupted");
        assertThat(installed()).isEmpty();
    }

    @Test
    void aModuleSignedByAnUnknownKeyIsRefused() throws Exception {
        KeyPair stranger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        push("1.0.0", null, stranger.getPrivate(), "stranger");

        assertRefused(() -> manager.install(PluginRef.parse(OS)), "signed by the key 'stranger'", "not trusted");
        assertThat(installed()).isEmpty();
    }
}
