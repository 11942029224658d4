package org.assessmentruntime.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the CLI in-process with captured streams. */
final class CliTestSupport {

    private CliTestSupport() {
    }

    /** What a run printed and returned. */
    record Run(int exitCode, byte[] stdoutBytes, String stderr) {
        String stdout() {
            return new String(stdoutBytes, UTF_8);
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout() + "\n--- stderr\n" + stderr;
        }
    }

    static Run run(byte[] stdin, Engines engines, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, UTF_8);
        PrintStream errStream = new PrintStream(err, true, UTF_8);
        int code = Main.commandLine(new Cli(new ByteArrayInputStream(stdin), outStream, errStream, engines))
                .execute(args);
        outStream.flush();
        errStream.flush();
        return new Run(code, out.toByteArray(), err.toString(UTF_8));
    }

    static Run run(String... args) {
        return run(new byte[0], Engines.STANDARD, args);
    }

    /** A module of the executor's test-jar (wat/NAME.wasm), copied to a file. */
    static Path module(Path dir, String name) throws IOException {
        Path file = dir.resolve(name + ".wasm");
        try (InputStream in = CliTestSupport.class.getResourceAsStream("/wat/" + name + ".wasm")) {
            if (in == null) {
                throw new IllegalStateException("no wat/" + name + ".wasm on the class path (the wasm-executor "
                        + "test-jar)");
            }
            Files.write(file, in.readAllBytes());
        }
        return file;
    }
}
