package org.assessmentruntime.enginewasmtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.kawamuray.wasmtime.NativeLibraryLoader;

/**
 * Loads wasmtime-java's JNI library once per class loader, from a directory we control.
 *
 * <p>Upstream's {@code NativeLibraryLoader} copies the 18 MB library to a new file in {@code /tmp} at
 * every JVM start and never deletes it. Instead the bundle carries the library for each supported
 * platform under {@code native/<os>-<arch>/} with its SHA-256 (computed by the build); it is extracted
 * once into {@code <directory>/<sha256>/}, verified, and reused by every later start. Upstream's loader
 * is then told that the library is loaded, so that it never extracts its own copy.
 */
final class NativeLibrary {

    static final String FILE_NAME = "libwasmtime_jni.so";

    /** What upstream's loader leaves behind: Files.createTempFile(prefix, suffix) adds digits. */
    private static final Pattern UPSTREAM_LEFTOVER = Pattern
            .compile("(lib)?wasmtime_jni_\\d+\\.\\d+\\.\\d+_(linux|macos|windows)_(x86_64|aarch64)\\d*\\.(so|dylib|dll)");

    private static final Logger LOG = LoggerFactory.getLogger(NativeLibrary.class);

    private static Path loaded;

    private NativeLibrary() {
    }

    /**
     * Loads the library unless this class loader already did.
     *
     * @param directory where extracted libraries live; created if missing
     * @return the file the library was loaded from
     * @throws IOException                   if the library cannot be extracted
     * @throws UnsupportedOperationException if the bundle has no library for this platform
     */
    static synchronized Path load(Path directory) throws IOException {
        if (loaded != null) {
            return loaded;
        }
        String resource = "/native/" + platform() + "/" + FILE_NAME;
        String sha256 = expectedSha256(resource);
        Path library = directory.resolve(sha256).resolve(FILE_NAME);
        if (!Files.isRegularFile(library)) {
            extract(resource, library, sha256);
        }
        loaded = loadFile(library);
        pinClassLoader();
        markUpstreamLoaderLoaded();
        removeOtherVersions(directory, sha256);
        removeUpstreamLeftovers(Path.of(System.getProperty("java.io.tmpdir")));
        return loaded;
    }

    /**
     * Checks, without extracting or loading anything, that the bundle carries a library (and its
     * checksum) for this platform.
     *
     * @throws IOException                   if the library or its checksum is missing from the bundle
     * @throws UnsupportedOperationException if the bundle has no library for this platform
     */
    static void checkAvailable() throws IOException {
        String resource = "/native/" + platform() + "/" + FILE_NAME;
        expectedSha256(resource);
        if (NativeLibrary.class.getResource(resource) == null) {
            throw new IOException(resource + " is missing from the bundle");
        }
    }

    /** {@code linux-x86_64} or {@code linux-aarch64}: the platforms whose library the bundle carries. */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"))) {
            return "linux-x86_64";
        }
        if (os.contains("linux") && arch.equals("aarch64")) {
            return "linux-aarch64";
        }
        throw new UnsupportedOperationException("this bundle carries no wasmtime library for " + os + "/" + arch
                + "; plugins run on the other engine");
    }

    private static String expectedSha256(String resource) throws IOException {
        try (InputStream in = NativeLibrary.class.getResourceAsStream(resource + ".sha256")) {
            if (in == null) {
                throw new IOException(resource + ".sha256 is missing from the bundle");
            }
            // Ant's checksum task writes the hex digest, possibly followed by a file name.
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+")[0];
        }
    }

    /** Writes a temporary file beside the target, checks the hash, then moves it into place. */
    private static void extract(String resource, Path library, String sha256) throws IOException {
        Files.createDirectories(library.getParent());
        Path partial = Files.createTempFile(library.getParent(), FILE_NAME, ".partial");
        try (InputStream in = NativeLibrary.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is missing from the bundle");
            }
            MessageDigest digest = sha256();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(partial), digest)) {
                in.transferTo(out);
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equalsIgnoreCase(sha256)) {
                throw new IOException(resource + " has SHA-256 " + actual + ", expected " + sha256);
            }
            Files.move(partial, library, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("Extracted the wasmtime native library to {}", library);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * A JVM loads one file into one class loader only. When the bundle was refreshed and the old class
     * loader still holds the library, this loader gets a private copy, deleted right after loading (the
     * mapping stays valid on Linux), so that refreshes leave no files behind.
     */
    private static Path loadFile(Path library) throws IOException {
        try {
            System.load(library.toString());
            return library;
        } catch (UnsatisfiedLinkError e) {
            if (e.getMessage() == null || !e.getMessage().contains("already loaded")) {
                throw e;
            }
        }
        Path copy = Files.createTempFile(library.getParent(), "libwasmtime_jni-", ".so");
        try {
            Files.copy(library, copy, StandardCopyOption.REPLACE_EXISTING);
            System.load(copy.toString());
            LOG.info("The wasmtime library is held by an earlier class loader; loaded a private copy");
            return copy;
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    /**
     * Keeps this class loader, and so the library, loaded until the JVM exits. wasmtime installs
     * process-wide signal handlers that point into the library and chain to the handlers before them;
     * were the JVM to unload the library with a refreshed bundle's class loader, the next fault the JVM
     * itself raises (it uses SIGSEGV for safepoints and null checks) would jump into unmapped code. A
     * shutdown hook that is never started is held by the JVM until exit, and with it this class.
     */
    private static void pinClassLoader() {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(NativeLibrary::keepLoaded, "wasmtime-library-pin"));
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: nothing will be unloaded any more.
        }
    }

    private static void keepLoaded() {
        // Runs at JVM exit; exists only so that the hook refers to this class.
    }

    /** Upstream classes call NativeLibraryLoader.init() when first used; make that a no-op. */
    private static void markUpstreamLoaderLoaded() {
        try {
            Field field = NativeLibraryLoader.class.getDeclaredField("loaded");
            field.setAccessible(true);
            field.setBoolean(null, true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot stop wasmtime-java's own loader from extracting the library to "
                    + "the temporary directory; was wasmtime-java upgraded without adapting NativeLibrary?", e);
        }
    }

    /** Extracted libraries of other wasmtime-java versions are never used again. */
    private static void removeOtherVersions(Path directory, String sha256) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                if (!entry.getFileName().toString().equals(sha256)) {
                    deleteTree(entry);
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not remove old wasmtime libraries from {}: {}", directory, e.toString());
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
                for (Path entry : entries) {
                    deleteTree(entry);
                }
            }
        }
        Files.deleteIfExists(path);
    }

    /**
     * Deletes the copies upstream's loader left in the temporary directory (by an earlier version of
     * this runtime or another program on the host). Deleting a library another process has loaded is
     * harmless on Linux: its mapping stays valid.
     *
     * @param tmp the temporary directory
     * @return how many files were deleted
     */
    static int removeUpstreamLeftovers(Path tmp) {
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(tmp,
                entry -> UPSTREAM_LEFTOVER.matcher(entry.getFileName().toString()).matches()
                        && Files.isRegularFile(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS))) {
            for (Path entry : entries) {
                try {
                    Files.deleteIfExists(entry);
                    removed++;
                } catch (IOException e) {
                    // e.g. another user's file in a sticky /tmp: not ours to delete
                    LOG.debug("Could not remove {}: {}", entry, e.toString());
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not remove wasmtime libraries left in {}: {}", tmp, e.toString());
        }
        if (removed > 0) {
            LOG.info("Removed {} wasmtime libraries left in {} by wasmtime-java's own loader", removed, tmp);
        }
        return removed;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every Java platform has SHA-256
        }
    }
}
