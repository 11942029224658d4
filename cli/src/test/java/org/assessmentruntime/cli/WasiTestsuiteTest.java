package org.assessmentruntime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The public WASI test suite (WebAssembly/wasi-testsuite, wasm32-wasip1: its C, Rust and AssemblyScript
 * tests, vendored under {@code src/test/resources/wasi-testsuite}, see the README there) run through
 * {@code assessment wasm run} on each engine, as the suite's own runner runs a WASI runtime's command line:
 * the test's {@code root} directory preopened at {@code /}, its args and env, then its exit code and the
 * stdout/stderr its specification names compared.
 *
 * <p>Every test's outcome is printed, with the pass count per engine. The test fails when fewer pass than
 * {@link #MINIMUM}: a ratchet at the count last reached on that engine, so that no WASI call that works
 * today breaks unnoticed. Raise it with every fix.
 */
class WasiTestsuiteTest {

    /** The pass counts reached so far, per engine; the suite has 72 tests. */
    static final Map<String, Integer> MINIMUM = Map.of("chicory", 68, "wasmtime", 72);

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void passesTheWasiTestsuite(String engine) throws Exception {
        List<Path> tests = tests();
        assertThat(tests).as("vendored tests").hasSize(72);
        Map<String, String> failures = new TreeMap<>();
        for (Path test : tests) {
            String why = run(engine, test);
            if (why != null) {
                failures.put(name(test), why);
            }
        }
        int passed = tests.size() - failures.size();
        StringBuilder report = new StringBuilder();
        report.append(String.format("WASI testsuite (wasm32-wasip1) on %s: %d of %d passed%n", engine, passed,
                tests.size()));
        failures.forEach((test, why) -> report.append("  FAIL ").append(test).append(": ").append(why).append('\n'));
        System.out.print(report);
        assertThat(passed).as("tests passed on %s (at least the last count reached)%n%s", engine, report)
                .isGreaterThanOrEqualTo(MINIMUM.get(engine));
    }

    /** Runs one test; null when it passed, else what differed. */
    private String run(String engine, Path module) throws IOException {
        Spec spec = Spec.of(module);
        List<String> argv = new ArrayList<>(List.of("wasm", "run", "--engine", engine, "--timeout", "30s"));
        if (spec.root != null) {
            Path root = work.resolve(engine).resolve(name(module));
            copyTree(module.resolveSibling(spec.root), root);
            argv.add("--dir");
            argv.add(root + "::/");
        }
        spec.env.forEach((k, v) -> {
            argv.add("--env");
            argv.add(k + "=" + v);
        });
        argv.add(module.toString());
        argv.addAll(spec.args);
        CliTestSupport.Run run = CliTestSupport.run(new byte[0], Engines.STANDARD, argv.toArray(String[]::new));
        if (run.exitCode() != spec.exitCode) {
            return "exit " + run.exitCode() + ", expected " + spec.exitCode + lastLine(run.stderr());
        }
        if (spec.stdout != null && !spec.stdout.equals(run.stdout())) {
            return "stdout " + quote(run.stdout()) + ", expected " + quote(spec.stdout);
        }
        if (spec.stderr != null && !spec.stderr.equals(withoutWarnings(run.stderr()))) {
            return "stderr " + quote(run.stderr()) + ", expected " + quote(spec.stderr);
        }
        return null;
    }

    /** A test's specification (the suite's legacy format, which every wasip1 test uses). */
    private record Spec(List<String> args, Map<String, String> env, String root, int exitCode, String stdout,
            String stderr) {

        static Spec of(Path module) throws IOException {
            Path file = module.resolveSibling(name(module) + ".json");
            JsonNode json = Files.exists(file) ? JSON.readTree(file.toFile()) : JSON.createObjectNode();
            if (json.has("operations")) {
                throw new IllegalStateException(file + ": operation-based specifications are not supported here");
            }
            List<String> args = new ArrayList<>();
            json.path("args").forEach(a -> args.add(a.asText()));
            Map<String, String> env = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = json.path("env").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                env.put(e.getKey(), e.getValue().asText());
            }
            return new Spec(args, env, text(json, "root"), json.path("exit_code").asInt(0), text(json, "stdout"),
                    text(json, "stderr"));
        }

        private static String text(JsonNode json, String key) {
            return json.hasNonNull(key) ? json.get(key).asText() : null;
        }
    }

    static List<Path> tests() throws IOException, URISyntaxException {
        Path suite = Path.of(WasiTestsuiteTest.class.getResource("/wasi-testsuite/tests").toURI());
        try (Stream<Path> files = Files.walk(suite)) {
            return files.filter(f -> f.toString().endsWith(".wasm"))
                    .filter(f -> f.getParent().getFileName().toString().equals("wasm32-wasip1")).sorted().toList();
        }
    }

    private static String name(Path module) {
        String file = module.getFileName().toString();
        return file.substring(0, file.length() - ".wasm".length());
    }

    /** The CLI's own warning about --dir being read-only is not the module's stderr. */
    private static String withoutWarnings(String stderr) {
        return stderr.lines().filter(l -> !l.startsWith(WasmRunCommand.NAME + ": warning:"))
                .map(l -> l + "\n").reduce("", String::concat);
    }

    private static String lastLine(String stderr) {
        List<String> lines = stderr.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : " (" + lines.get(lines.size() - 1).strip() + ")";
    }

    private static String quote(String s) {
        String shown = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return "'" + shown.replace("\n", "\\n") + "'";
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(f -> {
                try {
                    Path target = to.resolve(from.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(target);
                    } else if (!f.toString().endsWith(".cleanup")) {
                        Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
