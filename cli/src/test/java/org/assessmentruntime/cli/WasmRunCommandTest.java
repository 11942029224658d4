package org.assessmentruntime.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assessmentruntime.cli.CliTestSupport.module;
import static org.assessmentruntime.cli.CliTestSupport.run;

import java.nio.file.Files;
import java.nio.file.Path;

import org.assessmentruntime.cli.CliTestSupport.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WasmRunCommandTest {

    @TempDir
    Path dir;

    @Test
    void stdinStdoutAndStderrPassThrough() throws Exception {
        Path hello = module(dir, "hello");

        Run run = CliTestSupport.run("line one\nline two\n".getBytes(UTF_8), Engines.STANDARD, "wasm", "run",
                hello.toString());

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.stdout()).isEqualTo("line one\nline two\n");
        assertThat(run.stderr()).isEqualTo("hello from stderr\n");
    }

    @Test
    void theModulesExitCodeBecomesTheCommands() throws Exception {
        Run run = run("wasm", "run", module(dir, "exit-code").toString());

        assertThat(run.exitCode()).as("%s", run).isEqualTo(3);
        assertThat(run.stderr()).isEmpty();
        assertThat(run("wasm", "run", module(dir, "exit-zero").toString()).exitCode()).isZero();
    }

    @Test
    void aTimeoutHasItsOwnExitCodeAndMessage() throws Exception {
        long start = System.nanoTime();
        Run run = run("wasm", "run", "--timeout", "300ms", module(dir, "infinite-loop").toString());

        assertThat(run.exitCode()).as("%s", run).isEqualTo(ExitCodes.TIMEOUT);
        assertThat(run.stderr()).startsWith("wasm run: timeout: ");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
    }

    @Test
    void limitsTrapsAndInvalidModulesHaveTheirOwnExitCodes() throws Exception {
        Run memory = run("wasm", "run", "--max-memory", "1MiB", module(dir, "memory-bomb").toString());
        assertThat(memory.exitCode()).as("%s", memory).isEqualTo(ExitCodes.MEMORY_LIMIT);
        assertThat(memory.stderr()).contains("wasm run: memory limit: ");

        Run output = run("wasm", "run", "--max-stdout", "1KiB", module(dir, "output-flood").toString());
        assertThat(output.exitCode()).as("%s", output).isEqualTo(ExitCodes.OUTPUT_LIMIT);
        assertThat(output.stdoutBytes()).hasSizeLessThanOrEqualTo(1024);
        assertThat(output.stderr()).contains("wasm run: output limit: ");

        Run trap = run("wasm", "run", module(dir, "trap").toString());
        assertThat(trap.exitCode()).as("%s", trap).isEqualTo(ExitCodes.TRAP);
        assertThat(trap.stderr()).contains("wasm run: trap: ");

        Run noStart = run("wasm", "run", module(dir, "no-start").toString());
        assertThat(noStart.exitCode()).as("%s", noStart).isEqualTo(ExitCodes.DATA);
        assertThat(noStart.stderr()).contains("wasm run: invalid module: ");

        Files.writeString(dir.resolve("text.wasm"), "not a module");
        Run text = run("wasm", "run", dir.resolve("text.wasm").toString());
        assertThat(text.exitCode()).as("%s", text).isEqualTo(ExitCodes.DATA);
    }

    @Test
    void argumentsAndEnvironmentReachTheModule() throws Exception {
        Path vars = module(dir, "vars");

        Run run = run("wasm", "run", "--env", "MODE=strict", "--env", "EMPTY=", vars.toString(), "one",
                "--two", "-3");

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.stdout()).isEqualTo(vars + "\none\n--two\n-3\n--\nMODE=strict\nEMPTY=\n");
    }

    @Test
    void dirRoIsReadOnlyAndDirIsReadWrite() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Files.writeString(data.resolve("note.txt"), "granted content\n");
        Path probe = module(dir, "fs-probe");

        Run read = run("wasm", "run", "--dir-ro", data + "::/data", probe.toString(), "read", "note.txt");
        assertThat(read.exitCode()).as("%s", read).isZero();
        assertThat(read.stdout()).isEqualTo("granted content\n");
        assertThat(read.stderr()).isEmpty();

        Run refused = run("wasm", "run", "--dir-ro", data.toString(), probe.toString(), "create", "new.txt");
        assertThat(refused.exitCode()).as("%s", refused).isNotZero().isNotEqualTo(ExitCodes.INTERNAL);
        assertThat(data.resolve("new.txt")).doesNotExist();

        Run write = run("wasm", "run", "--dir", data.toString(), probe.toString(), "create", "new.txt");
        assertThat(write.exitCode()).as("%s", write).isZero();
        assertThat(data.resolve("new.txt")).exists();
    }

    @Test
    void badArgumentsAreUsageErrorsNamingTheProblem() throws Exception {
        Path hello = module(dir, "hello");

        assertUsage(run("wasm", "run", "--timeout", "5 parsecs", hello.toString()), "--timeout", "5 parsecs");
        assertUsage(run("wasm", "run", "--max-memory", "lots", hello.toString()), "--max-memory", "lots");
        assertUsage(run("wasm", "run", "--timeout", "0s", hello.toString()), "--timeout", "positive");
        assertUsage(run("wasm", "run"), "MODULE.wasm");
        assertUsage(run("wasm", "run", "--engine", "v8", hello.toString()), "--engine", "v8");
        assertUsage(run("wasm", "run", "--dir", dir + "::relative", hello.toString()), "--dir", "relative");
        assertUsage(run("wasm", "run", "--dir-ro", dir.resolve("absent").toString(), hello.toString()), "--dir-ro",
                "does not exist");
        assertUsage(run("wasm", "run", "--env", "1X=y", hello.toString()), "--env", "1X=y");
        assertUsage(run("wasm", "run", "--bogus", hello.toString()), "--bogus");
        assertUsage(run("wasm"), "subcommand");
    }

    @Test
    void aMissingModuleIsNoInput() {
        Run run = run("wasm", "run", dir.resolve("absent.wasm").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.NO_INPUT);
        assertThat(run.stderr()).contains("absent.wasm").contains("no such file");
    }

    @Test
    void anUnavailableEngineIsReportedClearly() throws Exception {
        Engines none = name -> {
            throw new Engines.Unavailable("no native library for this platform");
        };

        Run run = CliTestSupport.run(new byte[0], none, "wasm", "run", "--engine", "wasmtime",
                module(dir, "hello").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(run.stderr()).contains("engine 'wasmtime' is not available: no native library for this platform");
    }

    @Test
    void theWasmtimeEngineRunsTheSameModuleOrSaysWhyNot() throws Exception {
        Run run = CliTestSupport.run("abc".getBytes(UTF_8), Engines.STANDARD, "wasm", "run", "--engine", "wasmtime",
                module(dir, "hello").toString());

        if (run.exitCode() == ExitCodes.UNAVAILABLE) {
            assertThat(run.stderr()).startsWith("wasm run: engine 'wasmtime' is not available: ");
        } else {
            assertThat(run.exitCode()).as("%s", run).isZero();
            assertThat(run.stdout()).isEqualTo("abc");
            assertThat(run.stderr()).isEqualTo("hello from stderr\n");
            Run timeout = run("wasm", "run", "--engine", "wasmtime", "--timeout", "300ms",
                    module(dir, "infinite-loop").toString());
            assertThat(timeout.exitCode()).as("%s", timeout).isEqualTo(ExitCodes.TIMEOUT);
        }
    }

    @Test
    void helpDocumentsOptionsAndExitCodes() {
        Run run = run("wasm", "run", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).contains("--dir", "--dir-ro", "--env", "--timeout", "--max-memory", "--engine",
                "Exit codes:", "124", "125", "126", "134", "64", "read to its end");
    }

    static void assertUsage(Run run, String... mentions) {
        assertThat(run.exitCode()).as("%s", run).isEqualTo(ExitCodes.USAGE);
        assertThat(run.stderr()).contains(mentions).contains("--help' for more information");
        assertThat(run.stdout()).isEmpty();
    }
}
