package org.assessmentruntime.camel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;

/**
 * The manifest bnd computed for the bundle (target/classes/META-INF/MANIFEST.MF, written before the
 * tests run): what it exports, and that it needs nothing a stock Karaf with Jackson lacks.
 */
class ManifestTest {

    /**
     * Packages a Karaf 4.4 with the Jackson bundles provides; everything else must be optional. Pax
     * Logging exports org.slf4j's spi, helpers and event packages too (kafka-clients uses them).
     */
    private static final List<String> PROVIDED = List.of("java.", "javax.", "jdk.", "org.w3c.", "org.xml.",
            "org.ietf.", "org.slf4j;", "org.slf4j.spi;", "org.slf4j.helpers;", "org.slf4j.event;", "org.osgi.framework;",
            // Karaf's SCR: the control-plane kit's switch enables and disables its caller's components.
            "org.osgi.service.component;", "com.fasterxml.jackson.", "org.assessmentruntime.api;");

    private static final String KIT = "org.assessmentruntime.camel.controlplane";

    private final Attributes headers = read();

    @Test
    void exportsEveryCamelPackageAtCamelsVersionAndNothingElse() {
        List<String> exports = clauses("Export-Package").stream()
                .filter(clause -> !clause.startsWith(KIT + ";")).toList();
        String version = "version=\"" + System.getProperty("camel.version", "4.18.1") + "\"";

        assertThat(exports).isNotEmpty().filteredOn(clause -> !clause.startsWith("org.apache.hc.")).allSatisfy(clause -> {
            assertThat(clause).startsWith("org.apache.camel");
            assertThat(clause).contains(version);
        });
        // Only for bundles that ask for this Camel: another Camel in the framework (camel-karaf) never mixes.
        assertThat(exports).allSatisfy(clause -> assertThat(clause).contains(";provider=assessment-runtime;")
                .contains(";mandatory:=provider"));
        // HttpClient 5, for HttpClientConfigurer (the control-plane link bounds its exchanges there).
        assertThat(exports).filteredOn(clause -> clause.startsWith("org.apache.hc.")).extracting(ManifestTest::name)
                .contains("org.apache.hc.client5.http.classic", "org.apache.hc.client5.http.impl.classic",
                        "org.apache.hc.core5.http", "org.apache.hc.core5.http.io.entity");
        assertThat(exports).extracting(ManifestTest::name)
                .contains("org.apache.camel", "org.apache.camel.builder", "org.apache.camel.component.http",
                        "org.apache.camel.component.jackson", "org.apache.camel.component.kafka",
                        "org.apache.camel.spi");
    }

    /** The control-plane client kit: the runtime's own package, for every bundle, without Camel's attribute. */
    @Test
    void exportsTheControlPlaneKitToEveryBundle() {
        assertThat(clauses("Export-Package")).filteredOn(clause -> clause.startsWith(KIT + ";")).singleElement()
                .satisfies(clause -> assertThat(clause).contains("version=\"0.1.0\"").doesNotContain("mandatory:="));
    }

    @Test
    void importsOnlyWhatTheRuntimeProvidesUnlessOptional() {
        List<String> required = clauses("Import-Package").stream()
                .filter(clause -> !clause.contains("resolution:=optional"))
                .filter(clause -> PROVIDED.stream().noneMatch(prefix -> (clause + ";").startsWith(prefix)))
                .toList();

        assertThat(required).isEmpty();
    }

    @Test
    void keepsTheEmbeddedKafkaClientPrivate() {
        // Routes reach Kafka only through camel-kafka's endpoint options; nothing may wire to these classes.
        assertThat(clauses("Export-Package")).noneMatch(clause -> clause.startsWith("org.apache.kafka"));
        assertThat(clauses("Import-Package")).noneMatch(clause -> clause.startsWith("org.apache.kafka"));
    }

    @Test
    void neverImportsCamelFromElsewhere() {
        assertThat(clauses("Import-Package")).noneMatch(clause -> clause.startsWith("org.apache.camel")
                || clause.startsWith("org.apache.hc."));
    }

    @Test
    void declaresAnImmediateComponent() throws IOException {
        String descriptor = "OSGI-INF/org.assessmentruntime.camel.internal.CamelRuntime.xml";
        assertThat(headers.getValue("Bundle-SymbolicName")).isEqualTo("org.assessmentruntime.camel");
        assertThat(headers.getValue("Service-Component")).contains(descriptor);
        assertThat(headers.getValue("Provide-Capability")).contains("org.apache.camel.CamelContext",
                "org.assessmentruntime.api.RouteInventory", "org.assessmentruntime.api.HealthIndicator");
        // A delayed component would start Camel only once someone asks for the inventory or health.
        assertThat(Files.readString(Path.of(System.getProperty("classes.dir", "target/classes"), descriptor)))
                .contains("immediate=\"true\"")
                .contains("policy=\"dynamic\"")
                .contains("policy-option=\"greedy\"")
                .contains("cardinality=\"0..n\"");
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

    private static String name(String clause) {
        int semicolon = clause.indexOf(';');
        return semicolon < 0 ? clause : clause.substring(0, semicolon);
    }

    private static Attributes read() {
        Path file = Path.of(System.getProperty("classes.dir", "target/classes"), "META-INF/MANIFEST.MF");
        try (InputStream in = Files.newInputStream(file)) {
            return new Manifest(in).getMainAttributes();
        } catch (IOException e) {
            throw new AssertionError("No manifest at " + file + "; bnd-process must run before the tests", e);
        }
    }
}
