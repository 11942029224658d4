package org.assessmentruntime.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.assessmentruntime.itests.harness.CommandResult;
import org.assessmentruntime.itests.harness.KarafDistribution;
import org.assessmentruntime.itests.harness.KarafExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The booted distribution against a hostile control plane on 127.0.0.1 (issue 15, item 5): every reply
 * either drips one byte at a time or announces gigabytes and streams without end. Before the fix the token
 * reply was read whole, the shared token request never completed, heartbeat and configuration threads
 * parked for good and status said UP; {@code assessment:sync} hung. Now each exchange ends at its deadline
 * or its size cap, the commands answer, and the link shows DOWN.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileControlPlaneIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Well past the 5 s request deadline configured below, well short of a hang. */
    private static final Duration ANSWER = Duration.ofSeconds(60);

    private static final HostileServer SERVER = HostileServer.start();

    @RegisterExtension
    static final KarafExtension KARAF = new KarafExtension(options -> options
            .environment("ASSESSMENT_CONTROL_PLANE_URL", "http://127.0.0.1:" + SERVER.port())
            .environment("ASSESSMENT_CLIENT_ID", "hostile-it")
            .environment("ASSESSMENT_CLIENT_SECRET", "hostile-it-secret")
            .config("org.assessmentruntime.controlplane", "requestTimeoutSeconds", "5")
            .config("org.assessmentruntime.controlplane", "heartbeatIntervalSeconds", "5"));

    @AfterAll
    static void stopServer() {
        SERVER.close();
    }

    @Test
    @Order(10)
    void aDrippingControlPlaneCannotHangSyncAndShowsTheLinkDown(KarafDistribution karaf) throws IOException {
        SERVER.mode = Mode.DRIP;
        CommandResult sync = karaf.run("assessment:sync --json", ANSWER);
        assertThat(sync.output()).as("%s", sync).doesNotContain("\"APPLIED\"");
        assertThat(SERVER.connections.get()).as("the runtime did talk to the hostile server").isPositive();

        CommandResult status = karaf.awaitCommand("assessment:status --json",
                r -> "DOWN".equals(state(r, "authentication")), ANSWER);
        assertThat(state(status, "authentication")).as("%s", status.output()).isEqualTo("DOWN");
    }

    @Test
    @Order(20)
    void aReplyOfGigabytesIsCutAtItsCapAndTheRuntimeKeepsServing(KarafDistribution karaf) throws IOException {
        SERVER.mode = Mode.FLOOD;
        CommandResult sync = karaf.run("assessment:sync --json", ANSWER);
        assertThat(sync.output()).as("%s", sync).doesNotContain("\"APPLIED\"");
        // Not necessarily the sync's own connection: it may have waited on a token request a heartbeat had
        // just started, which met the flood too.
        assertThat(awaitFloodConnection()).as("the runtime did talk to the flooding server").isTrue();

        CommandResult heartbeat = karaf.run("assessment:heartbeat --json", ANSWER);
        assertThat(heartbeat.succeeded()).as("a heartbeat that got no good reply fails: %s", heartbeat).isFalse();

        CommandResult status = karaf.awaitCommand("assessment:status --json",
                r -> "DOWN".equals(state(r, "authentication")), ANSWER);
        assertThat(state(status, "authentication")).isEqualTo("DOWN");
        assertThat(karaf.isAlive()).isTrue();
        assertThat(karaf.run("assessment:jobs").succeeded()).as("the runtime still serves its shell").isTrue();
        assertThat(karaf.karafLog().toString()).doesNotContain("OutOfMemoryError");
    }

    private static boolean awaitFloodConnection() {
        long end = System.nanoTime() + ANSWER.toNanos();
        while (SERVER.floodConnections.get() == 0 && System.nanoTime() < end) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return SERVER.floodConnections.get() > 0;
    }

    private static String state(CommandResult r, String component) {
        try {
            for (JsonNode c : JSON.readTree(r.output()).path("components")) {
                if (component.equals(c.path("component").asText())) {
                    return c.path("health").path("state").asText();
                }
            }
            return "";
        } catch (IOException e) {
            return "";
        }
    }

    enum Mode {
        /** A 200 with a chunked body of one byte every two seconds, for ever. */
        DRIP,
        /** A 200 announcing 3 GB, then bytes as fast as the runtime takes them. */
        FLOOD
    }

    /** A raw-socket HTTP server on 127.0.0.1 that answers every request in its current {@link Mode}. */
    static final class HostileServer implements AutoCloseable {

        private final ServerSocket socket;
        final AtomicInteger connections = new AtomicInteger();
        /** Connections answered with a flood (counted when the answer starts). */
        final AtomicInteger floodConnections = new AtomicInteger();
        volatile Mode mode = Mode.DRIP;

        private HostileServer(ServerSocket socket) {
            this.socket = socket;
        }

        static HostileServer start() {
            try {
                HostileServer server = new HostileServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
                Thread accept = new Thread(server::accept, "hostile-control-plane");
                accept.setDaemon(true);
                accept.start();
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        int port() {
            return socket.getLocalPort();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    connections.incrementAndGet();
                    Thread t = new Thread(() -> answer(s), "hostile-reply");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void answer(Socket s) {
            // Bounded: at most 3 GB or 10 minutes per connection, whatever the client does.
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                readHead(in);
                if (mode == Mode.DRIP) {
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    while (System.nanoTime() < deadline) {
                        out.write("1\r\n \r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        Thread.sleep(2000);
                    }
                } else {
                    floodConnections.incrementAndGet();
                    long total = 3_000_000_000L;
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + total
                            + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    byte[] chunk = new byte[64 * 1024];
                    Arrays.fill(chunk, (byte) ' ');
                    for (long sent = 0; sent < total && System.nanoTime() < deadline; sent += chunk.length) {
                        out.write(chunk);
                    }
                }
            } catch (IOException e) {
                // The runtime closed the connection: that is the point.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static void readHead(InputStream in) throws IOException {
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            int b;
            while (matched < 4 && (b = in.read()) >= 0) {
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
