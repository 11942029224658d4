package org.assessmentruntime.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The two workloads and their three forms: native executable (gcc -O2), WebAssembly module (clang -O2,
 * wasm32-wasi) and that module under Node's WASI. run.sh compiles {@code src/main/c} into the directory
 * named by the system property {@value #DIR_PROPERTY}; {@code src/main/node/wasi-run.mjs} runs a module
 * under Node.
 *
 * <p>Also the expected outputs, computed here independently of the C code, so that every variant is
 * checked before it is timed.
 */
final class Workloads {

    /** System property: directory holding trivial, trivial.wasm, sha256, sha256.wasm and wasi-run.mjs. */
    static final String DIR_PROPERTY = "bench.dir";

    /** The trivial plugin: JSON document in, JSON document out. */
    static final String TRIVIAL = "trivial";

    /** The CPU-bound plugin: SHA-256 of 16 MiB generated in-process. */
    static final String SHA256 = "sha256";

    /** Bytes hashed by {@link #SHA256}: 16 MiB, its default. */
    static final int SHA256_INPUT_BYTES = 16 << 20;

    private static volatile String expectedSha256;

    private Workloads() {
    }

    static Path dir() {
        String dir = System.getProperty(DIR_PROPERTY);
        if (dir == null || dir.isBlank()) {
            throw new IllegalStateException("system property " + DIR_PROPERTY
                    + " is not set; run the benchmarks with ./run.sh, which compiles the workloads");
        }
        return Path.of(dir).toAbsolutePath();
    }

    static Path file(String name) {
        Path file = dir().resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing; ./run.sh compiles it from src/main/c");
        }
        return file;
    }

    /** The module's bytes. */
    static byte[] wasm(String workload) {
        try {
            return Files.readAllBytes(file(workload + ".wasm"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Command line of the native executable. */
    static List<String> nativeCommand(String workload) {
        return List.of(file(workload).toString());
    }

    /** Command line running the module under Node's WASI, a whole {@code node} process. */
    static List<String> nodeCommand(String workload) {
        return List.of(System.getProperty("bench.node", "node"), "--no-warnings", file("wasi-run.mjs").toString(),
                file(workload + ".wasm").toString());
    }

    /** The trivial plugin's stdin: a job context of about 1 KB. */
    static byte[] trivialInput() {
        try (InputStream in = Workloads.class.getResourceAsStream("trivial-input.json")) {
            if (in == null) {
                throw new IllegalStateException("trivial-input.json is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What trivial.c writes for {@link #trivialInput()}. */
    static byte[] expectedTrivialOutput() {
        byte[] in = trivialInput();
        int n = in.length;
        while (n > 0 && (in[n - 1] == '\n' || in[n - 1] == '\r' || in[n - 1] == ' ')) {
            n--;
        }
        int fnv = 0x811c9dc5;
        for (int i = 0; i < n; i++) {
            fnv = (fnv ^ (in[i] & 0xff)) * 16777619;
        }
        String context = new String(in, 0, n, StandardCharsets.UTF_8);
        return String.format("{\"status\":\"pass\",\"inputBytes\":%d,\"fnv1a\":\"%08x\",\"context\":%s}%n", n, fnv,
                context).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * What sha256.c prints: the SHA-256 of the same xorshift32 stream, computed with the JDK's
     * MessageDigest, followed by a newline.
     */
    static String expectedSha256Output() {
        String expected = expectedSha256;
        if (expected == null) {
            MessageDigest sha;
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            byte[] chunk = new byte[64 * 1024];
            int x = 0x9E3779B9;
            for (int c = 0; c < SHA256_INPUT_BYTES / chunk.length; c++) {
                for (int i = 0; i < chunk.length; i += 4) {
                    x ^= x << 13;
                    x ^= x >>> 17;
                    x ^= x << 5;
                    chunk[i] = (byte) x;
                    chunk[i + 1] = (byte) (x >>> 8);
                    chunk[i + 2] = (byte) (x >>> 16);
                    chunk[i + 3] = (byte) (x >>> 24);
                }
                sha.update(chunk);
            }
            expected = HexFormat.of().formatHex(sha.digest()) + "\n";
            expectedSha256 = expected;
        }
        return expected;
    }

    /**
     * Spawns a process, writes its stdin, reads its stdout to the end and waits for it: what a runtime
     * running plugins as native processes would do for each run. stderr is discarded.
     *
     * @return the process's stdout
     * @throws IllegalStateException if it exits with anything but 0
     */
    static byte[] spawn(List<String> command, byte[] stdin) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(Redirect.DISCARD).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin);
        }
        byte[] out;
        try (InputStream stdout = process.getInputStream()) {
            out = stdout.readAllBytes();
        }
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IllegalStateException(command + " exited with " + exit);
        }
        return out;
    }

    /** Fails unless a variant's output is the expected one. */
    static void check(String variant, byte[] actual, byte[] expected) {
        if (!Arrays.equals(actual, expected)) {
            throw new IllegalStateException(variant + " printed " + abbreviate(actual) + " instead of "
                    + abbreviate(expected));
        }
    }

    private static String abbreviate(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        return text.length() <= 120 ? "'" + text + "'" : "'" + text.substring(0, 120) + "…' (" + bytes.length + " bytes)";
    }
}
