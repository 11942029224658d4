package org.assessmentruntime.authentication.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A hostile control plane on 127.0.0.1, over a raw socket so that it can do what no well-behaved server
 * library lets it: announce gigabytes, stream without end, drip a byte at a time, or never answer. Each
 * path has a {@link Behaviour}, which a test may change at any time; a path without one answers 200
 * {@code {}}.
 */
final class HostileServer implements AutoCloseable {

    /** What the server does with a request, given the socket's output. */
    @FunctionalInterface
    interface Behaviour {
        void answer(OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket socket;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "hostile-control-plane");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final AtomicLong bytesSent = new AtomicLong();

    HostileServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    HostileServer on(String path, Behaviour behaviour) {
        behaviours.put(path, behaviour);
        return this;
    }

    int requests(String path) {
        return requests.getOrDefault(path, new AtomicInteger()).get();
    }

    /** Body bytes written so far, over all requests: what a hostile reply actually cost the runtime to read. */
    long bytesSent() {
        return bytesSent.get();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                threads.execute(() -> serve(connection));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            String path = readRequest(connection.getInputStream());
            requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            behaviours.getOrDefault(path, json(200, "{}")).answer(new Counting(connection.getOutputStream()));
        } catch (IOException | InterruptedException e) {
            // The client hung up (as it should, on a hostile reply) or the server is closing.
        }
    }

    /** Reads the request line, headers and body; returns the path. */
    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("request ended early");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        long length = 0;
        for (String line : lines) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(line.substring("content-length:".length()).trim());
            }
        }
        in.readNBytes((int) length);
        return lines[0].split(" ")[1];
    }

    private final class Counting extends java.io.FilterOutputStream {
        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            bytesSent.addAndGet(len);
        }
    }

    private static void head(OutputStream out, int status, String... headers) throws IOException {
        StringBuilder text = new StringBuilder("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\n"
                + "Connection: close\r\n");
        for (String header : headers) {
            text.append(header).append("\r\n");
        }
        out.write(text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** A well-formed reply. */
    static Behaviour json(int status, String body) {
        return out -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            head(out, status, "Content-Length: " + bytes.length);
            out.write(bytes);
            out.flush();
        };
    }

    /** A token reply with this expires_in (JSON text). */
    static Behaviour token(String value, String expiresIn) {
        return json(200, "{\"access_token\":\"" + value + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn
                + "}");
    }

    /** Announces {@code length} bytes (3 GB, say) and streams them for as long as the client reads. */
    static Behaviour announced(long length) {
        return out -> {
            head(out, 200, "Content-Length: " + length);
            stream(out, length);
        };
    }

    /** A valid JSON reply of {@code size} bytes sent chunked, so its size shows only while it streams. */
    static Behaviour chunkedJson(int status, int size) {
        return out -> {
            head(out, status, "Transfer-Encoding: chunked");
            byte[] body = jsonOfSize(size);
            for (int off = 0; off < body.length; off += 8192) {
                int n = Math.min(8192, body.length - off);
                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body, off, n);
                out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        };
    }

    /** No length at all: the body ends when the connection does, which it never does. */
    static Behaviour endless() {
        return out -> {
            head(out, 200);
            stream(out, Long.MAX_VALUE);
        };
    }

    /** Announces {@code length} bytes and sends one every {@code interval}: each read is quick, the whole never ends. */
    static Behaviour drip(long length, Duration interval) {
        return out -> {
            head(out, 200, "Content-Length: " + length);
            for (long i = 0; i < length; i++) {
                out.write(new byte[] {' '}, 0, 1);
                out.flush();
                Thread.sleep(interval.toMillis());
            }
        };
    }

    /** Reads the request and never answers. */
    static Behaviour hang() {
        return out -> Thread.sleep(Long.MAX_VALUE);
    }

    /** {@code {"data":"xxx…"}} of exactly {@code size} bytes. */
    static byte[] jsonOfSize(int size) {
        String prefix = "{\"data\":\"";
        String suffix = "\"}";
        return (prefix + "x".repeat(size - prefix.length() - suffix.length()) + suffix).getBytes(StandardCharsets.UTF_8);
    }

    private static void stream(OutputStream out, long length) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) ' ');
        for (long sent = 0; sent < length; sent += chunk.length) {
            out.write(chunk, 0, (int) Math.min(chunk.length, length - sent));
        }
        out.flush();
    }
}
