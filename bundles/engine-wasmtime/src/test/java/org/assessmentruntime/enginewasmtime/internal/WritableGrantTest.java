package org.assessmentruntime.enginewasmtime.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.assessmentruntime.api.WasmEngine.HostLimits;
import org.assessmentruntime.api.WasmEngine.PreparedModule;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.DirectoryGrant;
import org.assessmentruntime.api.model.ExecutionOutcome;
import org.assessmentruntime.api.model.ExecutionRequest;
import org.assessmentruntime.api.model.FailureKind;
import org.assessmentruntime.api.model.ResourceLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A writable grant ({@link DirectoryGrant#writable()}) lets a module change what is inside its
 * directory and nothing else: no path, {@code ..} or symbolic link (planted by the host or made by the
 * module) takes a create, write, rename, link, removal or time change outside it. A read-only grant
 * refuses every change. The module is src/test/wat/fs-change.wat; each case compares the host's files
 * (content, kind, link target, modification time) before and after.
 */
@TestInstance(Lifecycle.PER_CLASS)
class WritableGrantTest {

    private static final ResourceLimits LIMITS = new ResourceLimits(Duration.ofSeconds(20), 16L << 20, 0, 0);
    private static final String SECRET = "outside secret\n";

    private final WasmtimeEngine engine = TestEngines.create();
    private final PreparedModule module = TestEngines.prepare(engine, WasmtimeEngineTest.wasm("fs-change"));

    @TempDir
    Path tmp;
    private Path grant;
    private Path outside;

    @AfterAll
    void closeEngine() {
        module.close();
        engine.close();
    }

    /**
     * grant/{data.txt, sub/nested.txt, empty/} beside outside/secret.txt, and links the host planted in
     * the grant that lead out of it.
     */
    @BeforeEach
    void tree() throws IOException {
        grant = Files.createDirectories(tmp.resolve("grant")).toRealPath();
        outside = Files.createDirectories(tmp.resolve("outside")).toRealPath();
        Files.writeString(grant.resolve("data.txt"), "inside\n");
        Files.createDirectories(grant.resolve("sub"));
        Files.writeString(grant.resolve("sub/nested.txt"), "nested\n");
        Files.createDirectories(grant.resolve("empty"));
        Files.writeString(outside.resolve("secret.txt"), SECRET);
        Files.createDirectories(outside.resolve("dir"));
        Files.createSymbolicLink(grant.resolve("leak"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(grant.resolve("leak-relative"), Path.of("../outside/secret.txt"));
        Files.createSymbolicLink(grant.resolve("leak-dir"), outside);
        Files.createSymbolicLink(grant.resolve("dangling-out"), Path.of("../outside/new.txt"));
    }

    // ---------------------------------------------------------------- writable: inside

    @Test
    void createsAndWritesInside() throws IOException {
        assertSucceeded(run(true, "create", "new.txt"));
        assertSucceeded(run(true, "overwrite", "data.txt"));
        assertSucceeded(run(true, "create", "sub/new.txt"));

        assertThat(grant.resolve("new.txt")).hasContent("pwned\n");
        assertThat(grant.resolve("data.txt")).as("written over, not truncated").hasContent("pwned\n\n");
        assertThat(grant.resolve("sub/new.txt")).hasContent("pwned\n");
    }

    @Test
    void makesRenamesAndRemovesInside() {
        assertSucceeded(run(true, "mkdir", "made"));
        assertSucceeded(run(true, "v", "data.txt", "made/moved.txt"));
        assertSucceeded(run(true, "unlink", "sub/nested.txt"));
        assertSucceeded(run(true, "dirremove", "sub"));
        assertSucceeded(run(true, "zero", "made/moved.txt"));

        assertThat(grant.resolve("made/moved.txt")).isEmptyFile();
        assertThat(grant.resolve("data.txt")).doesNotExist();
        assertThat(grant.resolve("sub")).doesNotExist();
    }

    @Test
    void linksInside() throws IOException {
        assertSucceeded(run(true, "symlink", "data.txt", "alias"));
        assertSucceeded(run(true, "hardlink", "data.txt", "hard"));
        assertSucceeded(run(true, "times", "hard"));

        assertThat(Files.readSymbolicLink(grant.resolve("alias"))).isEqualTo(Path.of("data.txt"));
        assertThat(text(run(true, "read", "alias").stdout())).isEqualTo("inside\n");
        assertThat(text(run(true, "k", "alias").stdout())).isEqualTo("data.txt");
        assertThat(Files.isSameFile(grant.resolve("hard"), grant.resolve("data.txt"))).isTrue();
        assertThat(Files.getLastModifiedTime(grant.resolve("data.txt")).toMillis()).isZero();
    }

    // ---------------------------------------------------------------- writable: no way out

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
            // by path
            "create, ../outside/new.txt, ", "create, sub/../../outside/new.txt, ", "create, ABSOLUTE, ",
            "mkdir, ../outside/made, ", "unlink, ../outside/secret.txt, ", "dirremove, ../outside/dir, ",
            "v, data.txt, ../outside/moved.txt", "v, ../outside/secret.txt, stolen.txt",
            "hardlink, ../outside/secret.txt, stolen.txt", "hardlink, data.txt, ../outside/hard.txt",
            "symlink, data.txt, ../outside/link", "times, ../outside/secret.txt, ",
            // through links the host planted
            "overwrite, leak, ", "overwrite, leak-relative, ", "create, leak, ", "create, dangling-out, ",
            "nofollow, dangling-out, ", "create, leak-dir/new.txt, ", "mkdir, leak-dir/made, ",
            "unlink, leak-dir/secret.txt, ", "dirremove, leak-dir/dir, ", "zero, leak, ", "times, leak, ",
            "v, leak-dir/secret.txt, stolen.txt", "v, data.txt, leak-dir/moved.txt",
            "link, leak, stolen.txt", "hardlink, leak-dir/secret.txt, stolen.txt", "symlink, data.txt, leak-dir/link" })
    void cannotChangeAnythingOutside(String operation, String a, String b) throws IOException {
        Map<String, String> before = snapshot(outside);
        String path = a.equals("ABSOLUTE") ? outside.resolve("new.txt").toString() : a;

        ExecutionOutcome outcome = b == null ? run(true, operation, path) : run(true, operation, path, b);

        assertRefused(outcome);
        assertThat(snapshot(outside)).as("outside the grant after %s %s %s", operation, a, b).isEqualTo(before);
        assertNoLinkOut();
    }

    /** A link the module makes may name any target, but nothing reaches outside through it. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({ "../outside/secret.txt", "/", "ABSOLUTE", "sub/../../outside/secret.txt" })
    void aLinkTheModuleMakesLeadsNowhereOutside(String target) throws IOException {
        Map<String, String> before = snapshot(outside);
        String content = target.equals("ABSOLUTE") ? outside.resolve("secret.txt").toString() : target;

        ExecutionOutcome made = run(true, "symlink", content, "made-link");
        if (!made.succeeded()) {
            assertRefused(made);
            assertThat(grant.resolve("made-link")).doesNotExist();
            return;
        }

        for (String operation : List.of("read", "overwrite", "create", "zero", "times")) {
            ExecutionOutcome outcome = run(true, operation, "made-link");
            assertRefused(outcome);
        }
        assertRefused(run(true, "link", "made-link", "hard"));
        assertThat(snapshot(outside)).isEqualTo(before);
    }

    // ---------------------------------------------------------------- read-only

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({ "create, new.txt, ", "create, data.txt, ", "nofollow, new.txt, ", "overwrite, data.txt, ",
            "zero, data.txt, ", "mkdir, made, ", "dirremove, empty, ", "unlink, data.txt, ",
            "v, data.txt, moved.txt", "symlink, data.txt, alias", "hardlink, data.txt, hard", "times, data.txt, ",
            "create, sub/new.txt, ", "unlink, sub/nested.txt, " })
    void aReadOnlyGrantRefusesEveryChange(String operation, String a, String b) throws IOException {
        Map<String, String> before = snapshot(grant);

        ExecutionOutcome outcome = b == null ? run(false, operation, a) : run(false, operation, a, b);

        assertRefused(outcome);
        assertThat(snapshot(grant)).as("the read-only grant after %s %s %s", operation, a, b).isEqualTo(before);
    }

    @Test
    void aReadOnlyGrantStillReads() {
        assertThat(text(run(false, "read", "sub/nested.txt").stdout())).isEqualTo("nested\n");
    }

    // ---------------------------------------------------------------- helpers

    private ExecutionOutcome run(boolean writable, String... args) {
        List<String> argv = new ArrayList<>(List.of("fs-change"));
        argv.addAll(List.of(args));
        byte[] bytes = WasmtimeEngineTest.wasm("fs-change");
        return engine.run(module, new ExecutionRequest(Digest.sha256(bytes), bytes, null, argv, null,
                List.of(new DirectoryGrant(grant.toString(), "/data", writable)), LIMITS, null), HostLimits.DEFAULTS);
    }

    private static void assertSucceeded(ExecutionOutcome outcome) {
        assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
    }

    /** The call failed with an errno (not bad arguments) and nothing of the outside was read. */
    private static void assertRefused(ExecutionOutcome outcome) {
        assertThat(outcome.failure()).as("%s", outcome).isEqualTo(FailureKind.EXIT_CODE);
        assertThat(outcome.exitCode()).as("errno").isNotEqualTo(2);
        assertThat(text(outcome.stdout())).doesNotContain("secret");
    }

    /** No link inside the grant now leads outside other than those the host planted. */
    private void assertNoLinkOut() throws IOException {
        try (Stream<Path> files = Files.walk(grant)) {
            for (Path file : files.toList()) {
                if (Files.isSymbolicLink(file) && !file.getFileName().toString().startsWith("leak")
                        && !file.getFileName().toString().equals("dangling-out")) {
                    assertThat(file.toRealPath().startsWith(grant)).as("%s leads into the grant", file).isTrue();
                }
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    assertThat(Files.readString(file)).as("%s", file).doesNotContain("secret");
                }
            }
        }
    }

    /** Every file and directory under {@code root}: its kind, content or link target, and times. */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> state = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.toList()) {
                String what;
                if (Files.isSymbolicLink(file)) {
                    what = "link " + Files.readSymbolicLink(file);
                } else if (Files.isDirectory(file)) {
                    what = "dir " + Files.getLastModifiedTime(file);
                } else {
                    what = "file " + Files.readString(file) + " " + Files.getLastModifiedTime(file) + " "
                            + Files.getAttribute(file, "unix:nlink");
                }
                state.put(root.relativize(file).toString(), what);
            }
        }
        return state;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, UTF_8);
    }
}
