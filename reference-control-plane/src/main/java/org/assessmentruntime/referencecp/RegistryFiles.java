package org.assessmentruntime.referencecp;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Serves a directory read-only under {@code /registry/}: a static plugin registry. */
final class RegistryFiles {

    static final String PREFIX = "/registry/";

    private final Path root; // real path, or null when no registry is served

    RegistryFiles(Path directory) throws IOException {
        this.root = directory == null ? null : directory.toRealPath();
    }

    Reply route(Request request) {
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return Reply.error(405, "method not allowed").withHeader("Allow", "GET, HEAD");
        }
        Path file = resolve(request.exchange().getRequestURI());
        if (file == null) {
            return Reply.error(404, "not found");
        }
        try {
            return new Reply(200, java.util.Map.of("Content-Type", contentType(file)), Files.readAllBytes(file));
        } catch (IOException e) {
            return Reply.error(404, "not found");
        }
    }

    /** The file named by the URI, or {@code null} when absent, not a regular file or outside the root. */
    private Path resolve(URI uri) {
        if (root == null) {
            return null;
        }
        String decoded = uri.getPath(); // percent-decoded, so %2e%2e is caught too
        if (decoded == null || !decoded.startsWith(PREFIX)) {
            return null;
        }
        String relative = decoded.substring(PREFIX.length());
        for (String segment : relative.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".") || segment.contains("\\") || segment.indexOf('\0') >= 0) {
                return null;
            }
        }
        try {
            Path file = root.resolve(relative).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                return null;
            }
            // A symbolic link inside the registry must not lead out of it either.
            Path real = file.toRealPath();
            return real.startsWith(root) ? real : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String contentType(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return "application/json";
        }
        if (name.endsWith(".wasm")) {
            return "application/wasm";
        }
        if (name.endsWith(".txt") || name.endsWith(".md") || name.endsWith(".sig") || name.endsWith(".pem")) {
            return "text/plain; charset=utf-8";
        }
        return "application/octet-stream";
    }
}
