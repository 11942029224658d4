package org.assessmentruntime.pluginstore;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.PluginId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginPackageTest {

    /** The smallest WebAssembly module: magic and version, no sections. */
    static final byte[] MODULE = { 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00 };

    static final String MANIFEST = """
            {
              "name": "acme/probe",
              "version": "1.0.0",
              "abiVersion": 1,
              "configSchema": {
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "type": "object",
                "additionalProperties": false,
                "required": ["paths"],
                "properties": {
                  "paths": { "type": "array", "items": { "type": "string" }, "minItems": 1 },
                  "depth": { "type": "integer", "minimum": 1, "maximum": 8 }
                }
              },
              "grants": { "directories": [ { "hostPath": "/etc/ssl" } ], "env": ["TZ"] },
              "limits": { "timeout": "PT10S" }
            }
            """;

    @TempDir
    Path dir;

    Path write(String manifest, byte[] module) throws Exception {
        Files.writeString(dir.resolve("plugin.json"), manifest);
        if (module != null) {
            Files.write(dir.resolve("plugin.wasm"), module);
        }
        return dir;
    }

    @Test
    void loadsFromTheDirectoryItsManifestOrItsModule() throws Exception {
        write(MANIFEST, MODULE);

        for (Path path : new Path[] { dir, dir.resolve("plugin.json"), dir.resolve("plugin.wasm") }) {
            PluginPackage plugin = PluginPackage.load(path);
            assertThat(plugin.id()).isEqualTo(new PluginId("acme/probe", "1.0.0"));
            assertThat(plugin.module()).isEqualTo(MODULE);
            assertThat(plugin.digest()).isEqualTo(Digest.sha256(MODULE));
            assertThat(plugin.descriptor().grants().directories().get(0).guestPath()).isEqualTo("/etc/ssl");
            assertThat(plugin.descriptor().limits().timeout()).hasSeconds(10);
        }
    }

    @Test
    void aModuleWithAnotherNameFindsTheManifestBesideIt() throws Exception {
        write(MANIFEST, null);
        Files.write(dir.resolve("probe.wasm"), MODULE);

        assertThat(PluginPackage.load(dir.resolve("probe.wasm")).digest()).isEqualTo(Digest.sha256(MODULE));
    }

    @Test
    void missingFilesAreNamed() throws Exception {
        assertThatThrownBy(() -> PluginPackage.load(dir)).isInstanceOf(InvalidPluginException.class)
                .hasMessageContaining(dir.resolve("plugin.json").toString()).hasMessageContaining("not found");
        write(MANIFEST, null);
        assertThatThrownBy(() -> PluginPackage.load(dir)).isInstanceOf(InvalidPluginException.class)
                .hasMessageContaining(dir.resolve("plugin.wasm").toString()).hasMessageContaining("not found");
        assertThatThrownBy(() -> PluginPackage.load(dir.resolve("nowhere"))).isInstanceOf(InvalidPluginException.class)
                .hasMessageContaining("nowhere").hasMessageContaining("does not exist");
        Files.writeString(dir.resolve("notes.txt"), "x");
        assertThatThrownBy(() -> PluginPackage.load(dir.resolve("notes.txt")))
                .isInstanceOf(InvalidPluginException.class).hasMessageContaining("not a plugin");
    }

    @Test
    void badManifestsNameTheFileAndTheField() throws Exception {
        String file = dir.resolve("plugin.json").toString();
        assertRejected(MANIFEST.replace("\"abiVersion\": 1,", "\"abiVersion\": 1, \"colour\": \"red\","), file,
                "unknown field 'colour'");
        assertRejected(MANIFEST.replace("\"version\": \"1.0.0\"", "\"version\": \"v1\""), file,
                "PluginDescriptor.version 'v1'");
        assertRejected(MANIFEST.replace("\"abiVersion\": 1", "\"abiVersion\": \"1\""), file, "$.abiVersion");
        assertRejected(MANIFEST.replace("\"abiVersion\": 1,", ""), file, "abiVersion is required");
        assertRejected(MANIFEST.replace("\"timeout\": \"PT10S\"", "\"timeout\": \"ten seconds\""), file,
                "$.limits.timeout");
        assertRejected(MANIFEST.replace("\"hostPath\": \"/etc/ssl\"", "\"hostPath\": \"etc/ssl\""), file,
                "$.grants.directories[0]: DirectoryGrant.guestPath 'etc/ssl' must be absolute");
        assertRejected(MANIFEST.replace("\"hostPath\": \"/etc/ssl\"", "\"hostPath\": \"etc/ssl\", \"guestPath\": \"/ssl\""),
                file, "$.grants.directories[0].hostPath: 'etc/ssl' must be an absolute path");
        assertRejected(MANIFEST.replace("\"env\": [\"TZ\"]", "\"env\": [\"1TZ\"]"), file, "PluginGrants.env '1TZ'");
        assertRejected(MANIFEST + "{}", file, "trailing");
        assertRejected("{\"name\": \"acme/probe\", \"name\": \"acme/other\"}", file, "Duplicate field 'name'");
        assertRejected("{ not json", file, "not valid JSON");
    }

    @Test
    void unsupportedAbiVersionsAreRejected() throws Exception {
        write(MANIFEST.replace("\"abiVersion\": 1", "\"abiVersion\": 2"), MODULE);

        assertThatThrownBy(() -> PluginPackage.load(dir)).isInstanceOf(InvalidPluginException.class)
                .hasMessageContaining("abiVersion 2 is not supported")
                .hasMessageContaining("ABI version 1");
    }

    @Test
    void anInvalidConfigSchemaIsRejected() throws Exception {
        String file = dir.resolve("plugin.json").toString();
        assertRejected(MANIFEST.replace("\"type\": \"integer\"", "\"type\": \"int\""), file, "$.configSchema");
        assertRejected(MANIFEST.replace("\"minItems\": 1", "\"minItems\": -1"), file, "$.configSchema");
        assertRejected(MANIFEST.replace("2020-12/schema", "draft-07/schema#").replace("https://json-schema.org/draft/",
                "http://json-schema.org/"), file, "$schema must be https://json-schema.org/draft/2020-12/schema");
        assertRejected(MANIFEST.replace("\"items\": { \"type\": \"string\" }",
                "\"items\": { \"$ref\": \"https://example.com/remote.json\" }"), file, "$.configSchema");
    }

    @Test
    void notAWebAssemblyModuleIsRejected() throws Exception {
        write(MANIFEST, "#!/bin/sh\n".getBytes(UTF_8));

        assertThatThrownBy(() -> PluginPackage.load(dir)).isInstanceOf(InvalidPluginException.class)
                .hasMessageContaining("plugin.wasm").hasMessageContaining("not a WebAssembly module");
    }

    @Test
    void configurationsAreValidatedWithEveryViolationAndItsPath() throws Exception {
        PluginPackage plugin = PluginPackage.load(write(MANIFEST, MODULE));

        assertThat(plugin.validateConfiguration(Map.of("paths", java.util.List.of("/etc/ssl")))).isEmpty();
        assertThat(plugin.validateConfiguration(Map.of("paths", java.util.List.of("/etc/ssl"), "depth", 8))).isEmpty();
        assertThat(plugin.validateConfiguration(Map.of("paths", java.util.List.of(1, "/x"), "depth", 0,
                "extra", true)))
                .hasSize(3)
                .anySatisfy(m -> assertThat(m).startsWith("$.paths[0]").contains("string"))
                .anySatisfy(m -> assertThat(m).startsWith("$.depth").contains("1"))
                .anySatisfy(m -> assertThat(m).startsWith("$").contains("extra"));
        // An empty configuration is the empty object, which lacks the required "paths".
        assertThat(plugin.validateConfiguration(Map.of())).singleElement()
                .satisfies(m -> assertThat(m).startsWith("$").contains("paths"));
        assertThat(plugin.validateConfiguration(null)).hasSize(1);
    }

    @Test
    void aPluginWithoutSchemaTakesNoConfiguration() throws Exception {
        PluginPackage plugin = PluginPackage.load(write("""
                {"name": "acme/bare", "version": "0.1.0", "abiVersion": 1}
                """, MODULE));

        assertThat(plugin.validateConfiguration(Map.of())).isEmpty();
        assertThat(plugin.validateConfiguration(Map.of("x", 1))).singleElement()
                .satisfies(m -> assertThat(m).contains("takes no configuration"));
    }

    @Test
    void theExamplePluginManifestsLoad() throws Exception {
        Path examples = Path.of(System.getProperty("plugins.examples.dir", "../../plugins/examples"));
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(examples), "no example plugins at " + examples);
        try (var names = Files.list(examples)) {
            for (Path example : names.filter(p -> Files.exists(p.resolve("plugin.json"))).toList()) {
                var descriptor = PluginPackage.readDescriptor(Files.readAllBytes(example.resolve("plugin.json")),
                        example.resolve("plugin.json").toString());
                assertThat(descriptor.name()).isEqualTo("examples/" + example.getFileName());
                PluginPackage plugin = PluginPackage.of(descriptor, MODULE);
                assertThat(plugin.validateConfiguration(Map.of())).as(example.toString()).isEmpty();
            }
        }
    }

    private void assertRejected(String manifest, String file, String expected) throws Exception {
        write(manifest, MODULE);
        assertThatThrownBy(() -> PluginPackage.load(dir)).isInstanceOf(InvalidPluginException.class)
                .hasMessageStartingWith(file).hasMessageContaining(expected);
    }
}
