package org.assessmentruntime.pluginmanager.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.assessmentruntime.api.model.PluginRef;
import org.assessmentruntime.api.model.PluginStatement;
import org.junit.jupiter.api.Test;

/**
 * A hostile OCI registry (issue 15): it pushes a module and signature the operator's key made for
 * os-baseline 1.0.0 as another repository, another tag, or with a wider plugin manifest layer. The
 * signature annotation binds name, version, module and manifest, so each is refused.
 */
class HostileOciRegistryTest extends OciRegistryFixture {

    static final String EVIL = "examples/evil";

    private String genuineSignature() throws Exception {
        return PluginStatement.of(OS, "1.0.0", ExamplePlugin.module(null), manifest(OS, "1.0.0"))
                .sign(trusted.getPrivate());
    }

    private static byte[] manifest(String name, String version) throws Exception {
        return ExamplePlugin.manifest(version).replace("\"" + OS + "\"", "\"" + name + "\"")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theGenuineImageInstalls() throws Exception {
        push(OS, "1.0.0", ExamplePlugin.module(null), manifest(OS, "1.0.0"), genuineSignature(), "release-2026");
        assertThat(manager.install(PluginRef.parse(OS)).signerKeyId()).isEqualTo("release-2026");
    }

    @Test
    void aSignedImagePushedAsAnotherRepositoryIsRefused() throws Exception {
        push(EVIL, "1.0.0", ExamplePlugin.module(null), manifest(EVIL, "1.0.0"), genuineSignature(), "release-2026");
        assertRefused(() -> manager.install(PluginRef.parse(EVIL)), EVIL + "@1.0.0", "does not verify");
    }

    @Test
    void aSignedImageTaggedAsANewerVersionIsRefused() throws Exception {
        push(OS, "9.0.0", ExamplePlugin.module(null), manifest(OS, "9.0.0"), genuineSignature(), "release-2026");
        assertRefused(() -> manager.install(PluginRef.parse(OS)), OS + "@9.0.0", "does not verify");
    }

    @Test
    void aSignedImageWithAWiderPluginManifestIsRefused() throws Exception {
        byte[] wider = new String(manifest(OS, "1.0.0"), StandardCharsets.UTF_8)
                .replace("{ \"hostPath\": \"/etc\", \"guestPath\": \"/etc\" }",
                        "{ \"hostPath\": \"/\", \"guestPath\": \"/host\" }")
                .getBytes(StandardCharsets.UTF_8);
        push(OS, "1.0.0", ExamplePlugin.module(null), wider, genuineSignature(), "release-2026");
        assertRefused(() -> manager.install(PluginRef.parse(OS)), OS + "@1.0.0", "does not verify");
    }
}
