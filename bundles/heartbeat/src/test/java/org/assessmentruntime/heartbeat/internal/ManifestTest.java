package org.assessmentruntime.heartbeat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;

/** The manifest and component descriptors bnd computed (target/classes, written before the tests run). */
class ManifestTest {

    private final Path classes = Path.of(System.getProperty("classes.dir", "target/classes"));

    @Test
    void importsCamelFromTheCamelBundlesMinorLineOnly() throws IOException {
        String imports = headers().getValue("Import-Package");

        assertThat(imports).contains("org.apache.camel;provider=assessment-runtime;version=\"[4.18,4.19)\"",
                "org.apache.camel.builder;provider=assessment-runtime;version=\"[4.18,4.19)\"");
        // The control-plane kit is the runtime's own package: no Camel attribute.
        assertThat(imports).contains("org.assessmentruntime.camel.controlplane;version=\"[0.1,1)\"");
        assertThat(headers().getValue("Export-Package")).isNull();
    }

    /** Standalone runtimes have no connection: the resolver must not demand one. */
    @Test
    void requiresNoServiceAtResolveTime() throws IOException {
        String requirements = headers().getValue("Require-Capability");

        assertThat(requirements).doesNotContain("ControlPlaneConnection", "RuntimeIdentity", "CamelContext");
        assertThat(headers().getValue("Provide-Capability")).contains("org.apache.camel.RoutesBuilder",
                "org.assessmentruntime.api.Heartbeat", "org.assessmentruntime.api.HealthIndicator");
    }

    @Test
    void theTimerIsRecreatedForANewConnectionAndTheHealthOutlivesIt() throws IOException {
        assertThat(descriptor("HeartbeatTimerRoute")).contains("interface=\"org.assessmentruntime.api.ControlPlaneConnection\"")
                .contains("policy-option=\"greedy\"").doesNotContain("policy=\"dynamic\"");
        assertThat(descriptor("HeartbeatSendRoute")).contains("org.assessmentruntime.api.ControlPlaneConnection",
                "org.assessmentruntime.api.RuntimeIdentity");
        assertThat(descriptor("HeartbeatService")).contains("org.assessmentruntime.api.ControlPlaneConnection",
                "org.apache.camel.CamelContext");
        assertThat(descriptor("HeartbeatHealth")).contains("assessment.component")
                .containsPattern("name=\"connection\"[^>]*cardinality=\"0..1\"[^>]*policy=\"dynamic\"");
    }

    private String descriptor(String component) throws IOException {
        return Files.readString(classes.resolve("OSGI-INF/org.assessmentruntime.heartbeat.internal." + component + ".xml"));
    }

    private Attributes headers() throws IOException {
        try (InputStream in = Files.newInputStream(classes.resolve("META-INF/MANIFEST.MF"))) {
            return new Manifest(in).getMainAttributes();
        }
    }
}
