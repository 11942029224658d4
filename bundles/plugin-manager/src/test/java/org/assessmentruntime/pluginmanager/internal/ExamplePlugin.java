package org.assessmentruntime.pluginmanager.internal;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The built os-baseline example plugin, and variants of it (another version, another module). */
final class ExamplePlugin {

    static final String NAME = "examples/os-baseline";

    private ExamplePlugin() {
    }

    /** The built plugin directory; the test is skipped when the example plugins are not built. */
    static Path built() {
        Path dir = Path.of(System.getProperty("plugins.built.dir", "")).resolve("os-baseline");
        assumeThat(dir.resolve("plugin.wasm")).as("built example plugins (skipped with -Dplugins.skip)").exists();
        return dir;
    }

    static String manifest(String version) throws IOException {
        return Files.readString(built().resolve("plugin.json"))
                .replaceFirst("\"version\"\\s*:\\s*\"[^\"]*\"", "\"version\": \"" + version + "\"");
    }

    /** The module, with a custom section named {@code tag} appended when not null: valid, other bytes. */
    static byte[] module(String tag) throws IOException {
        byte[] module = Files.readAllBytes(built().resolve("plugin.wasm"));
        if (tag == null) {
            return module;
        }
        byte[] name = tag.getBytes(StandardCharsets.UTF_8);
        byte[] result = Arrays.copyOf(module, module.length + 3 + name.length);
        result[module.length] = 0;
        result[module.length + 1] = (byte) (1 + name.length);
        result[module.length + 2] = (byte) name.length;
        System.arraycopy(name, 0, result, module.length + 3, name.length);
        return result;
    }
}
