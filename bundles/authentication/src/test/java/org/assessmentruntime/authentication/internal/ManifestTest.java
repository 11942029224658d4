package org.assessmentruntime.authentication.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;

/**
 * The manifest bnd computed for the bundle (target/classes/META-INF/MANIFEST.MF, written before the
 * tests run): nothing exported, Camel imported within its minor line, nothing imported that a stock
 * Karaf with the runtime's Camel and Jackson features lacks, and a component whose configuration never
 * becomes service properties.
 */
class ManifestTest {

    /** What Karaf 4.4 (system bundle, pax-logging), the Camel bundle, Jackson and the API provide. */
    private static final List<String> PROVIDED = List.of("java.", "javax.net.ssl;", "javax.security.auth.x500;",
            "org.apache.camel;", "org.apache.camel.", "org.apache.hc.", "com.fasterxml.jackson.databind;", "org.slf4j;",
            "org.osgi.framework;", "org.assessmentruntime.api;");

    private final Attributes headers = read();

    @Test
    void exportsNothing() {
        assertThat(headers.getValue("Export-Package")).isNull();
        assertThat(clauses("Private-Package")).containsExactly("org.assessmentruntime.authentication.internal");
    }

    @Test
    void importsCamelWithinItsMinorLineAndNothingKarafLacks() {
        List<String> imports = clauses("Import-Package");
        assertThat(imports.stream().filter(c -> c.startsWith("org.apache.camel")))
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c).endsWith(";version=\"[4.18,4.19)\""));
        assertThat(imports).contains("org.apache.camel.component.http;provider=assessment-runtime;version=\"[4.18,4.19)\"",
                "org.apache.camel.support.jsse;provider=assessment-runtime;version=\"[4.18,4.19)\"");
        // HttpClient 5 from the Camel bundle, for the bounded exchanges (BoundedExchanges), at its version line.
        assertThat(imports.stream().filter(c -> c.startsWith("org.apache.hc.")))
                .contains("org.apache.hc.client5.http.classic;provider=assessment-runtime;version=\"[5.5,6)\"",
                        "org.apache.hc.client5.http.impl.io;provider=assessment-runtime;version=\"[5.5,6)\"")
                .allSatisfy(c -> assertThat(c).contains(";version="));
        List<String> unexpected = imports.stream()
                .filter(clause -> PROVIDED.stream().noneMatch(prefix -> (clause + ";").startsWith(prefix)))
                .toList();
        assertThat(unexpected).isEmpty();
    }

    @Test
    void declaresTheConfiguredComponentWithoutDsServices() throws IOException {
        assertThat(headers.getValue("Bundle-SymbolicName")).isEqualTo("org.assessmentruntime.authentication");
        String component = "OSGI-INF/org.assessmentruntime.authentication.internal.ControlPlaneComponent.xml";
        assertThat(headers.getValue("Service-Component")).isEqualTo(component);
        String xml = Files.readString(classes().resolve(component));
        assertThat(xml).contains("configuration-pid=\"org.assessmentruntime.controlplane\"")
                .contains("modified=\"modified\"")
                // Services are registered by hand: DS would copy clientSecret into their properties.
                .doesNotContain("<service");
        assertThat(headers.getValue("Provide-Capability"))
                .contains("org.assessmentruntime.api.Authentication,org.assessmentruntime.api.HealthIndicator")
                .contains("org.assessmentruntime.api.ControlPlaneConnection")
                .contains("org.apache.camel.RoutesBuilder");
        assertThat(Files.readString(classes().resolve(
                "OSGI-INF/metatype/org.assessmentruntime.authentication.internal.ControlPlaneConfig.xml")))
                .contains("pid=\"org.assessmentruntime.controlplane\"")
                .contains("id=\"clientSecret\" type=\"Password\"")
                .contains("id=\"remoteConfig\" type=\"String\"");
    }

    private List<String> clauses(String header) {
        String value = headers.getValue(header);
        assertThat(value).as(header).isNotNull();
        List<String> clauses = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : value.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                clauses.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        clauses.add(current.toString().trim());
        return clauses;
    }

    private static Path classes() {
        return Path.of(System.getProperty("classes.dir", "target/classes"));
    }

    private static Attributes read() {
        try (InputStream in = Files.newInputStream(classes().resolve("META-INF/MANIFEST.MF"))) {
            return new Manifest(in).getMainAttributes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
