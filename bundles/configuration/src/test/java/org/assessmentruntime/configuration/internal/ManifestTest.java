package org.assessmentruntime.configuration.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;

/** The manifest bnd computed (target/classes/META-INF/MANIFEST.MF). */
class ManifestTest {

    private static Attributes headers() throws Exception {
        Path file = Path.of(System.getProperty("classes.dir", "target/classes"), "META-INF/MANIFEST.MF");
        try (InputStream in = Files.newInputStream(file)) {
            return new Manifest(in).getMainAttributes();
        }
    }

    @Test
    void importsCamelOfTheMinorLineItWasBuiltWith() throws Exception {
        String imports = headers().getValue("Import-Package");

        assertThat(imports).contains("org.apache.camel;provider=assessment-runtime;version=\"[4.18,4.19)\"",
                "org.apache.camel.builder;provider=assessment-runtime;version=\"[4.18,4.19)\"");
        assertThat(imports).contains("org.osgi.service.cm;", "org.osgi.service.metatype;");
        // The control-plane kit and the scheduler's job reader: the runtime's own packages, no Camel attribute.
        assertThat(imports).contains("org.assessmentruntime.camel.controlplane;version=\"[0.1,1)\"",
                "org.assessmentruntime.scheduler;version=\"[0.3,1)\"");
    }

    @Test
    void declaresTheServiceTheRoutesAndTheHealth() throws Exception {
        Attributes headers = headers();

        assertThat(headers.getValue("Bundle-SymbolicName")).isEqualTo("org.assessmentruntime.configuration");
        assertThat(headers.getValue("Service-Component")).contains("RemoteConfigService.xml", "ConfigPollRoute.xml",
                "ConfigSyncRoute.xml", "ConfigReportRoute.xml", "ConfigurationHealth.xml");
        assertThat(headers.getValue("Export-Package")).isNull();
        // Standalone runtimes have no ControlPlaneConnection: the resolver must not insist on one.
        assertThat(String.valueOf(headers.getValue("Require-Capability"))).doesNotContain("ControlPlaneConnection");
        Path descriptor = Path.of(System.getProperty("classes.dir", "target/classes"),
                "OSGI-INF/org.assessmentruntime.configuration.internal.ConfigSyncRoute.xml");
        assertThat(Files.readString(descriptor)).contains("interface=\"org.apache.camel.RoutesBuilder\"");
    }
}
