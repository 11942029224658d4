package org.assessmentruntime.enginechicory.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.DirectoryGrant;
import org.assessmentruntime.api.model.ExecutionOutcome;
import org.assessmentruntime.api.model.ExecutionRequest;
import org.assessmentruntime.api.model.FailureKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A developer's probe, not part of the build: runs the WASI test suite vendored for the CLI's tests
 * ({@code -Dwasi.suite=PATH/tests}, optionally {@code -Dwasi.only=NAME}) on this engine directly, and
 * prints every failing test with its stderr, which the CLI's suite test does not show. The suite's pass
 * count is measured by the CLI's {@code WasiTestsuiteTest}.
 */
@EnabledIfSystemProperty(named = "wasi.suite", matches = ".+")
class WasiSuiteProbe {

    private static final Pattern ROOT = Pattern.compile("\"root\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern EXIT = Pattern.compile("\"exit_code\"\\s*:\\s*(\\d+)");

    @TempDir
    Path work;

    @Test
    void runsTheSuite() throws Exception {
        List<Path> tests;
        try (Stream<Path> files = Files.walk(Path.of(System.getProperty("wasi.suite")))) {
            tests = files.filter(f -> f.toString().endsWith(".wasm")).sorted().toList();
        }
        String only = System.getProperty("wasi.only", "");
        int passed = 0;
        int ran = 0;
        try (ChicoryEngine engine = new ChicoryEngine()) {
            for (Path test : tests) {
                String name = test.getFileName().toString().replace(".wasm", "");
                if (!only.isEmpty() && !only.equals(name)) {
                    continue;
                }
                ran++;
                Path specFile = test.resolveSibling(name + ".json");
                String spec = Files.exists(specFile) ? Files.readString(specFile) : "{}";
                List<DirectoryGrant> dirs = new ArrayList<>();
                Matcher root = ROOT.matcher(spec);
                if (root.find()) {
                    Path copy = work.resolve(name);
                    copyTree(test.resolveSibling(root.group(1)), copy);
                    dirs.add(new DirectoryGrant(copy.toString(), "/", true));
                }
                Matcher exit = EXIT.matcher(spec);
                int expected = exit.find() ? Integer.parseInt(exit.group(1)) : 0;
                byte[] bytes = Files.readAllBytes(test);
                ExecutionOutcome outcome = engine.run(engine.prepare(Digest.sha256(bytes), bytes),
                        new ExecutionRequest(Digest.sha256(bytes), bytes, new byte[0], List.of(test.toString()),
                                Map.of(), dirs, null, null));
                int code = outcome.succeeded() ? 0
                        : outcome.failure() == FailureKind.EXIT_CODE ? outcome.exitCode() : 134;
                if (code == expected) {
                    passed++;
                } else {
                    System.out.println("FAIL " + name + ": exit " + code + " " + outcome.message() + "\n  "
                            + new String(outcome.stderr(), UTF_8).strip().replace("\n", "\n  "));
                }
            }
        }
        System.out.println("PROBE " + passed + " of " + ran);
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
