package org.assessmentruntime.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.assessmentruntime.api.model.JobContext;
import org.assessmentruntime.api.model.PluginDescriptor;
import org.assessmentruntime.api.model.PluginOutput;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Plugin ABI v1 as the runtime reads it: every example's {@code plugin.json} is a
 * {@link PluginDescriptor}, and every stdout document the plugins wrote in the node tests
 * ({@code target/test-outputs}) is a {@link PluginOutput} — deserialised strictly with Jackson and
 * the API records (unknown fields, nulls for primitives and trailing tokens rejected; the records
 * validate themselves, links included) and serialised back to the same JSON.
 */
class PluginConformanceTest {

    /** The wire format: ISO-8601 strings for Instant and Duration, unknown fields rejected. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .build();

    static final Path BASEDIR = Path.of(System.getProperty("plugins.basedir", "."));
    static final Path OUTPUTS = Path.of(System.getProperty("plugins.outputs", "target/test-outputs"));

    @TestFactory
    Stream<DynamicTest> manifestsArePluginDescriptors() throws IOException {
        List<Path> manifests;
        try (Stream<Path> s = Files.list(BASEDIR.resolve("examples"))) {
            manifests = s.map(d -> d.resolve("plugin.json")).filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(manifests).hasSizeGreaterThanOrEqualTo(4);
        return manifests.stream().map(m -> DynamicTest.dynamicTest(BASEDIR.relativize(m).toString(), () -> {
            PluginDescriptor d = MAPPER.readValue(m.toFile(), PluginDescriptor.class);
            String dir = m.getParent().getFileName().toString();
            assertThat(d.name()).isEqualTo("examples/" + dir);
            // Major version 1: the example jobs in etc/jobs ask for "^1.0".
            assertThat(d.version()).matches("1\\.\\d+\\.\\d+");
            assertThat(d.abiVersion()).isEqualTo(JobContext.ABI_VERSION);
            assertThat(d.description()).isNotBlank();
            assertThat(d.configSchema()).containsEntry("type", "object").containsKey("properties");
            assertThat(d.grants().directories()).isNotEmpty()
                    .allSatisfy(g -> assertThat(g.guestPath()).isEqualTo(g.hostPath()));
            assertThat(d.limits().timeout()).isPositive();
            assertThat(d.limits().maxMemoryBytes()).isLessThanOrEqualTo(256L << 20);
            assertRoundTrip(m, d);
        }));
    }

    @TestFactory
    Stream<DynamicTest> outputsArePluginOutputs() throws IOException {
        assertThat(OUTPUTS).as("outputs of the node tests (run before this test)").isDirectory();
        List<Path> outputs;
        try (Stream<Path> s = Files.walk(OUTPUTS)) {
            outputs = s.filter(p -> p.toString().endsWith(".output.json")).sorted().toList();
        }
        assertThat(outputs).hasSizeGreaterThanOrEqualTo(20);
        return outputs.stream().map(o -> DynamicTest.dynamicTest(OUTPUTS.relativize(o).toString(), () -> {
            PluginOutput out = MAPPER.readValue(o.toFile(), PluginOutput.class);
            assertThat(out.status()).isNotNull();
            assertRoundTrip(o, out);
            Path context = Path.of(o.toString().replace(".output.json", ".context.json"));
            JobContext ctx = MAPPER.readValue(context.toFile(), JobContext.class);
            assertThat(ctx.abiVersion()).isEqualTo(JobContext.ABI_VERSION);
        }));
    }

    /** Nothing is lost or renamed: the record writes back the JSON it was read from. */
    private static void assertRoundTrip(Path file, Object value) throws IOException {
        JsonNode original = MAPPER.readTree(file.toFile());
        JsonNode written = MAPPER.readTree(MAPPER.writeValueAsString(value)); // numbers as parsed, not as typed
        assertThat(written).as("%s written back by the record", file.getFileName()).isEqualTo(original);
    }
}
