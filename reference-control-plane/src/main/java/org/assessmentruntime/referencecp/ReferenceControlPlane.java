package org.assessmentruntime.referencecp;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.net.ssl.SSLParameters;

/**
 * A small, in-process control plane that answers the agent API like the real Compliance Framework server (token,
 * heartbeat, evidence, remote configuration, config reports), plus a static plugin registry, fault injection and an
 * admin API. Listens on 127.0.0.1 only. Thread-safe.
 *
 * <pre>{@code
 * try (ReferenceControlPlane cp = ReferenceControlPlane.builder().client("agent", "secret").start()) {
 *     URI base = cp.baseUri();
 *     ...
 *     assertThat(cp.received().awaitEvidence(1, Duration.ofSeconds(10))).isTrue();
 * }
 * }</pre>
 */
public final class ReferenceControlPlane implements AutoCloseable {

    private final Builder settings;
    private final Received received = new Received();
    private final RemoteConfig config = new RemoteConfig();
    private final Tokens tokens;
    private final Faults faults;
    private final Dispatcher dispatcher;
    private final ExecutorService executor;
    private final int port;
    private HttpServer server; // null while down; guarded by this

    private ReferenceControlPlane(Builder settings) throws IOException {
        this.settings = settings;
        Clock clock = Clock.systemUTC();
        this.tokens = new Tokens(settings.clients, settings.tokenLifetime, clock);
        this.faults = new Faults(new Faults.Listener() {
            @Override
            public void stopListening() {
                down();
            }

            @Override
            public void listenAgain() throws IOException {
                up();
            }
        });
        AgentApi agent = new AgentApi(tokens, settings.requireToken, settings.remoteConfig, settings.batchEndpoint,
                new Validation(clock), new EvidenceLedger(settings.dataDirectory), received, config);
        this.dispatcher = new Dispatcher(faults, agent, new RegistryFiles(settings.registry),
                new AdminApi(received, faults, config, tokens), received, settings.listener);
        this.executor = Executors.newFixedThreadPool(settings.threads, daemonThreads());
        try {
            this.server = listen(settings.port);
        } catch (IOException | RuntimeException e) {
            executor.shutdownNow();
            throw e;
        }
        this.port = server.getAddress().getPort();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Settings of the server; {@link #start()} starts one. */
    /** JDK HTTP server switch for TCP_NODELAY on accepted connections. */
    private static final String NODELAY = "sun.net.httpserver.nodelay";

    public static final class Builder {
        private int port;
        private final Map<String, String> clients = new LinkedHashMap<>();
        private Duration tokenLifetime = Duration.ofHours(1);
        private boolean requireToken = true;
        private ServerTls tls;
        private Path registry;
        private Path dataDirectory;
        private boolean remoteConfig = true;
        private boolean batchEndpoint = true;
        private int threads = 8;
        private Consumer<RecordedRequest> listener;

        private Builder() {
        }

        /** Port on 127.0.0.1; 0 (default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /** Accepts these client credentials at the token endpoint; repeatable. */
        public Builder client(String clientId, String clientSecret) {
            clients.put(Objects.requireNonNull(clientId, "clientId"), Objects.requireNonNull(clientSecret, "clientSecret"));
            return this;
        }

        /** Lifetime ({@code expires_in}) of issued tokens; default 1 hour. */
        public Builder tokenLifetime(Duration lifetime) {
            if (lifetime.isNegative() || lifetime.isZero()) {
                throw new IllegalArgumentException("token lifetime must be positive: " + lifetime);
            }
            this.tokenLifetime = lifetime;
            return this;
        }

        /**
         * Whether heartbeat and evidence need a valid bearer token (default true). Remote configuration and config
         * reports always do.
         */
        public Builder requireToken(boolean required) {
            this.requireToken = required;
            return this;
        }

        /** Serves HTTPS; client certificates are required when {@code tls.clientCa() != null}. */
        public Builder tls(ServerTls tls) {
            this.tls = tls;
            return this;
        }

        /** Serves this directory read-only under {@code /registry/}. */
        public Builder registry(Path directory) {
            this.registry = directory;
            return this;
        }

        /** Keeps accepted evidence ids in this directory so duplicates are recognised after a restart. */
        public Builder dataDirectory(Path directory) {
            this.dataDirectory = directory;
            return this;
        }

        /** {@code false}: {@code GET /api/agent/config} answers 404 (a server predating remote config). */
        public Builder remoteConfig(boolean supported) {
            this.remoteConfig = supported;
            return this;
        }

        /** Whether {@code POST /api/evidence/batch} (our extension) exists; default true. */
        public Builder batchEndpoint(boolean offered) {
            this.batchEndpoint = offered;
            return this;
        }

        /** Handler threads (default 8), so that a slow fault does not hold up other requests. */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1");
            }
            this.threads = threads;
            return this;
        }

        /** Called after each request is answered (e.g. to log it); must not block. */
        public Builder onRequest(Consumer<RecordedRequest> listener) {
            this.listener = listener;
            return this;
        }

        public ReferenceControlPlane start() throws IOException {
            // The JDK's HTTP server leaves Nagle's algorithm on unless told before its first use: each small
            // reply then waits ~40 ms for the client's delayed ACK, and one request per result runs at ~22/s.
            // A test server may set this JVM-wide switch; it is read once, when the server classes load.
            if (System.getProperty(NODELAY) == null) {
                System.setProperty(NODELAY, "true");
            }
            return new ReferenceControlPlane(this);
        }
    }

    /** E.g. {@code http://127.0.0.1:41234} ({@code https} with TLS); no trailing slash. */
    public URI baseUri() {
        return URI.create((settings.tls != null ? "https" : "http") + "://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public Received received() {
        return received;
    }

    public Faults faults() {
        return faults;
    }

    public RemoteConfig config() {
        return config;
    }

    /** Client ids accepted at the token endpoint. */
    public Set<String> clients() {
        return tokens.clients();
    }

    /** Every token issued so far is refused (401) from now on. */
    public void revokeTokens() {
        tokens.revokeAll();
    }

    /** The token endpoint answers 403 (agent inactive) for this client; tokens already issued stay valid. */
    public void disableClient(String clientId) {
        tokens.disable(clientId);
    }

    /** Undoes {@link #disableClient}. */
    public void enableClient(String clientId) {
        tokens.enable(clientId);
    }

    /** Whether the server is listening (false between {@link Faults#down()} and {@link Faults#up()}). */
    public synchronized boolean isUp() {
        return server != null;
    }

    @Override
    public void close() {
        down();
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    private synchronized void up() throws IOException {
        if (server == null && !executor.isShutdown()) {
            server = listen(port);
        }
    }

    /** Binds 127.0.0.1:port; retries briefly since the old socket may take a moment to be released. */
    private HttpServer listen(int port) throws IOException {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try {
                HttpServer created = settings.tls != null ? https(address) : HttpServer.create(address, 64);
                created.createContext("/", dispatcher);
                created.setExecutor(executor);
                created.start();
                return created;
            } catch (BindException e) {
                if (port == 0 || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private HttpsServer https(InetSocketAddress address) throws IOException {
        HttpsServer https = HttpsServer.create(address, 64);
        ServerTls tls = settings.tls;
        https.setHttpsConfigurator(new HttpsConfigurator(tls.sslContext()) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = tls.sslContext().getDefaultSSLParameters();
                parameters.setNeedClientAuth(tls.clientCa() != null);
                params.setSSLParameters(parameters);
            }
        });
        return https;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "reference-control-plane-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public String toString() {
        return "ReferenceControlPlane[" + baseUri() + (isUp() ? "" : ", down") + "]";
    }
}
