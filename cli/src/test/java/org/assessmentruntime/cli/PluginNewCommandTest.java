package org.assessmentruntime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.assessmentruntime.cli.CliTestSupport.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code plugin new}: the project it creates builds with the toolchain the build uses (clang for
 * wasm32-wasi, installed by .ci/install-toolchain), passes {@code plugin check} at once, and its
 * fixtures give the statuses their names promise, as the project's own test.sh checks them.
 */
class PluginNewCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"c", "rust", "assemblyscript"})
    void aNewPluginBuildsChecksAndPassesItsFixtures(String lang) throws Exception {
        Path project = dir.resolve("login-banner");
        Run created = CliTestSupport.run("plugin", "new", "acme/login-banner", "--lang", lang, "--out",
                project.toString());
        assertThat(created.exitCode()).as("%s", created).isZero();
        assertThat(Files.readString(project.resolve("plugin.json"))).contains("\"name\": \"acme/login-banner\"");
        assertThat(project.resolve(switch (lang) {
            case "c" -> "sdk/assessment.h";
            case "rust" -> "sdk/src/lib.rs";
            default -> "sdk/assembly/assessment.ts";
        })).isRegularFile();
        assertThat(project.resolve("test.sh").toFile().canExecute()).isTrue();
        assertThat(Files.readString(project.resolve(".gitignore"))).contains("keys/");
        if (lang.equals("assemblyscript")) {
            // the compiler comes pinned: build.sh runs npm ci from this lock file
            assertThat(project.resolve("sdk/package-lock.json")).isRegularFile();
            assertThat(Files.readString(project.resolve(".gitignore"))).contains("node_modules/");
        }

        build(project);
        Run check = CliTestSupport.run("plugin", "check", project.toString());
        assertThat(check.exitCode()).as("%s", check).isZero();
        for (String fixture : new String[] {"pass", "fail"}) {
            Run run = CliTestSupport.run("plugin", "run", project.toString(), "--grant",
                    project.resolve("test/fixtures").resolve(fixture) + "::/etc");
            JsonNode result = JSON.readTree(run.stdout());
            assertThat(result.path("status").asText()).as("%s", run).isEqualTo(fixture.toUpperCase());
            assertThat(result.path("findings").toString()).as("%s", run).contains("ac-8-banner-warns");
        }
    }

    @Test
    void refusesBadNamesUnknownLanguagesAndNonEmptyDirectories() throws IOException {
        Run badName = CliTestSupport.run("plugin", "new", "Acme/Login", "--out", dir.resolve("x").toString());
        assertThat(badName.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badName.stderr()).contains("invalid plugin name 'Acme/Login'");

        Run badLang = CliTestSupport.run("plugin", "new", "acme/x", "--lang", "cobol", "--out", dir.resolve("x").toString());
        assertThat(badLang.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badLang.stderr()).contains("unknown --lang 'cobol'");
        assertThat(dir.resolve("x")).doesNotExist();

        Path taken = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(taken.resolve("keep.txt"), "mine");
        Run refused = CliTestSupport.run("plugin", "new", "acme/x", "--out", taken.toString());
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.CANT_CREATE);
        assertThat(refused.stderr()).contains("exists and is not an empty directory");
        assertThat(Files.list(taken)).containsExactly(taken.resolve("keep.txt"));
    }

    private static void build(Path project) throws IOException, InterruptedException {
        Process build = new ProcessBuilder("sh", project.resolve("build.sh").toString()).redirectErrorStream(true).start();
        String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(build.waitFor()).as("build.sh:%n%s", output).isZero();
        assertThat(project.resolve("plugin.wasm")).isRegularFile();
    }
}
