package org.assessmentruntime.enginechicory.internal;

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
 * tests run): Chicory and ASM embedded and private, and nothing imported that a stock Karaf lacks.
 */
class ManifestTest {

    /** What a Karaf 4.4 with the runtime's API bundle provides; anything else must be optional. */
    private static final List<String> PROVIDED = List.of("java.", "org.assessmentruntime.api;",
            "org.assessmentruntime.api.model;");

    private final Attributes headers = read();

    @Test
    void exportsOnlyTheLibraryFactoryNeverChicory() {
        // The factory package lets the CLI and other programs create the engine without OSGi; Chicory
        // and ASM themselves stay private so that no other bundle can come to depend on them.
        assertThat(headers.getValue("Export-Package")).startsWith("org.assessmentruntime.enginechicory;")
                .doesNotContain("com.dylibso").doesNotContain("org.objectweb").doesNotContain(".internal");
    }

    @Test
    void embedsChicoryAndAsmPrivately() {
        assertThat(clauses("Private-Package")).contains("com.dylibso.chicory.runtime", "com.dylibso.chicory.wasi",
                "com.dylibso.chicory.compiler", "com.dylibso.chicory.compiler.internal", "com.dylibso.chicory.wasm",
                "org.objectweb.asm", "org.objectweb.asm.commons", "org.objectweb.asm.util");
        // The compiler copies this class's byte code from the bundle as a resource at run time.
        assertThat(Path.of(System.getProperty("classes.dir", "target/classes"),
                "com/dylibso/chicory/compiler/internal/Shaded.class")).exists();
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
    void declaresTheEngineComponent() throws IOException {
        assertThat(headers.getValue("Bundle-SymbolicName")).isEqualTo("org.assessmentruntime.engine-chicory");
        String component = "OSGI-INF/org.assessmentruntime.enginechicory.internal.ChicoryEngine.xml";
        assertThat(headers.getValue("Service-Component")).contains(component);
        assertThat(Files.readString(classes().resolve(component)))
                .contains("name=\"engine\"").contains("value=\"chicory\"")
                .contains("interface=\"org.assessmentruntime.api.WasmEngine\"");
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
