package org.assessmentruntime.resultscollector.internal;

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
 * tests run): MVStore embedded and private, and nothing imported that a stock Karaf with the runtime's
 * Jackson feature lacks.
 */
class ManifestTest {

    /** What Karaf 4.4 (system bundle, pax-logging) and the assessment-jackson feature and API provide. */
    private static final List<String> PROVIDED = List.of("java.", "javax.crypto;", "javax.crypto.spec;",
            "com.fasterxml.jackson.annotation;", "com.fasterxml.jackson.core;", "com.fasterxml.jackson.databind;",
            "com.fasterxml.jackson.databind.", "com.fasterxml.jackson.datatype.jsr310;", "org.slf4j;",
            "org.assessmentruntime.api;", "org.assessmentruntime.api.model;",
            // KarafPaths: the data directory, found as every component finds it.
            "org.assessmentruntime.api.util;",
            // The DS runtime (scr feature): ControlPlaneSwitch enables the delivery components.
            "org.osgi.service.component;version=\"[1.5,2)\"",
            // The control-plane kit of the runtime's Camel bundle (switch, error envelope): no Camel attribute.
            "org.assessmentruntime.camel.controlplane;version=\"[0.1,1)\"",
            // The runtime's Camel bundle (assessment-camel feature), pinned to its minor line.
            "org.apache.camel;provider=assessment-runtime;version=\"[4.18,4.19)\"", "org.apache.camel.builder;provider=assessment-runtime;version=\"[4.18,4.19)\"",
            "org.apache.camel.model;provider=assessment-runtime;version=\"[4.18,4.19)\"",
            // ExecutorServiceManager: the delivery sender thread, managed by the context.
            "org.apache.camel.spi;provider=assessment-runtime;version=\"[4.18,4.19)\"",
            // The Kafka sink: camel-kafka's endpoint (secrets set on its configuration, not in its URI), the
            // batch's messages, and the BundleContext its routes are published through while configured.
            "org.apache.camel.component.kafka;provider=assessment-runtime;version=\"[4.18,4.19)\"",
            "org.apache.camel.support;provider=assessment-runtime;version=\"[4.18,4.19)\"", "org.osgi.framework;version=\"[1.10,2)\"");

    private final Attributes headers = read();

    @Test
    void exportsOnlyTheLibraryPackage() {
        assertThat(clauses("Export-Package")).hasSize(1).first().asString()
                .startsWith("org.assessmentruntime.resultscollector;version=\"1.0.0\"");
    }

    @Test
    void embedsMvStorePrivately() {
        assertThat(clauses("Private-Package")).contains("org.h2.mvstore", "org.h2.mvstore.type", "org.h2.store.fs",
                "org.h2.util");
        assertThat(classes().resolve("org/h2/mvstore/MVStore.class")).exists();
    }

    @Test
    void importsOnlyWhatTheRuntimeProvidesUnlessOptional() {
        List<String> required = clauses("Import-Package").stream()
                .filter(clause -> !clause.contains("resolution:=optional"))
                .filter(clause -> PROVIDED.stream().noneMatch(prefix -> (clause + ";").startsWith(prefix)))
                .toList();

        assertThat(required).isEmpty();
        assertThat(clauses("Import-Package")).anySatisfy(c -> assertThat(c)
                .startsWith("com.fasterxml.jackson.databind;version=\"[2.19,3)\""));
    }

    @Test
    void declaresTheCollectorComponentWithItsConfiguration() throws IOException {
        assertThat(headers.getValue("Bundle-SymbolicName")).isEqualTo("org.assessmentruntime.results-collector");
        String component = "OSGI-INF/org.assessmentruntime.resultscollector.internal.ResultsCollectorService.xml";
        assertThat(headers.getValue("Service-Component")).isEqualTo(String.join(",", component,
                "OSGI-INF/org.assessmentruntime.resultscollector.internal.delivery.ControlPlaneSwitch.xml",
                "OSGI-INF/org.assessmentruntime.resultscollector.internal.delivery.DeliveryRoute.xml",
                "OSGI-INF/org.assessmentruntime.resultscollector.internal.delivery.DeliveryWakeRoute.xml",
                "OSGI-INF/org.assessmentruntime.resultscollector.internal.delivery.ResultsDelivery.xml",
                "OSGI-INF/org.assessmentruntime.resultscollector.internal.kafka.KafkaSink.xml"));
        // Delivery exists only with a control plane: disabled until the switch enables it.
        assertThat(Files.readString(classes().resolve(
                "OSGI-INF/org.assessmentruntime.resultscollector.internal.delivery.ResultsDelivery.xml")))
                .contains("enabled=\"false\"");
        assertThat(Files.readString(classes().resolve(component)))
                .contains("configuration-pid=\"org.assessmentruntime.resultscollector\"")
                .contains("name=\"assessment.component\" type=\"String\" value=\"results-collector\"")
                .contains("interface=\"org.assessmentruntime.api.ResultsCollector\"")
                .contains("interface=\"org.assessmentruntime.api.ParkedResults\"")
                .contains("interface=\"org.assessmentruntime.api.HealthIndicator\"")
                .contains("interface=\"org.assessmentruntime.resultscollector.internal.Outbox\"")
                .contains("interface=\"org.assessmentruntime.resultscollector.internal.SinkOutbox\"")
                .contains("modified=\"modified\"");
        // The Kafka sink: always there (status says whether it is enabled), its own PID.
        assertThat(Files.readString(classes().resolve(
                "OSGI-INF/org.assessmentruntime.resultscollector.internal.kafka.KafkaSink.xml")))
                .contains("configuration-pid=\"org.assessmentruntime.resultscollector.kafka\"")
                .contains("immediate=\"true\"")
                .contains("modified=\"modified\"");
        assertThat(Files.readString(classes().resolve(
                "OSGI-INF/metatype/org.assessmentruntime.resultscollector.internal.CollectorConfig.xml")))
                .contains("pid=\"org.assessmentruntime.resultscollector\"")
                .contains("default=\"${karaf.data}/results\"");
    }

    @Test
    void declaresTheDeliveryRoutesOnlyWhileAControlPlaneIsConfigured() throws IOException {
        String prefix = "OSGI-INF/org.assessmentruntime.resultscollector.internal.delivery.";
        assertThat(Files.readString(classes().resolve(prefix + "ResultsDelivery.xml")))
                .contains("interface=\"org.assessmentruntime.api.ControlPlaneConnection\"")
                // The collector's own outbox (internal): delivery reads its store's rendered bodies.
                .contains("interface=\"org.assessmentruntime.resultscollector.internal.Outbox\"")
                .contains("configuration-pid=\"org.assessmentruntime.resultscollector\"");
        for (String route : List.of("DeliveryRoute.xml", "DeliveryWakeRoute.xml")) {
            assertThat(Files.readString(classes().resolve(prefix + route)))
                    .contains("interface=\"org.apache.camel.RoutesBuilder\"")
                    .contains("interface=\"org.assessmentruntime.resultscollector.internal.delivery.ResultsDelivery\"");
        }
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
