package org.assessmentruntime.referencecp;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar assessment-reference-control-plane.jar --port 8480 --client ID:SECRET}: runs the reference control
 * plane until killed, logging one line per request (never a credential).
 */
@Command(name = "assessment-reference-control-plane", mixinStandardHelpOptions = true,
        description = "Runs a reference control plane (agent API, fault injection, admin API) on 127.0.0.1.")
public final class Main implements Callable<Integer> {

    @Option(names = "--port", description = "Port on 127.0.0.1 (0 = any free port). Default: ${DEFAULT-VALUE}.")
    int port = 8480;

    @Option(names = "--client", paramLabel = "ID:SECRET",
            description = "Accepted client credentials (the secret is never printed); repeatable.")
    List<String> clients = new ArrayList<>();

    @Option(names = "--token-lifetime", paramLabel = "SECONDS", description = "expires_in of tokens. Default: ${DEFAULT-VALUE}.")
    long tokenLifetime = 3600;

    @Option(names = "--registry", paramLabel = "DIR", description = "Serve DIR read-only under /registry/.")
    Path registry;

    @Option(names = "--data", paramLabel = "DIR", description = "Keep accepted evidence ids in DIR (dedupe survives restarts).")
    Path data;

    @Option(names = "--tls-dir", paramLabel = "DIR",
            description = "Create (or reuse) a test PKI in DIR and serve HTTPS requiring client certificates (mTLS).")
    Path tlsDir;

    @Option(names = "--anonymous", description = "Accept heartbeats and evidence without a token.")
    boolean anonymous;

    @Option(names = "--no-remote-config", description = "Answer 404 to GET /api/agent/config.")
    boolean noRemoteConfig;

    @Option(names = "--no-batch", description = "Do not offer POST /api/evidence/batch.")
    boolean noBatch;

    public static void main(String[] args) {
        int exit = new CommandLine(new Main()).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    @Override
    public Integer call() throws Exception {
        ReferenceControlPlane cp = start(System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cp.close();
            stopped.countDown();
        }, "reference-control-plane-shutdown"));
        stopped.await();
        return 0;
    }

    /** Starts the server as the options say and prints what it accepts to {@code out}. */
    ReferenceControlPlane start(PrintStream out) throws java.io.IOException {
        ReferenceControlPlane.Builder builder = ReferenceControlPlane.builder()
                .port(port)
                .tokenLifetime(Duration.ofSeconds(tokenLifetime))
                .requireToken(!anonymous)
                .registry(registry)
                .dataDirectory(data)
                .remoteConfig(!noRemoteConfig)
                .batchEndpoint(!noBatch)
                .onRequest(request -> out.println(request));
        for (String client : clients) {
            int colon = client.indexOf(':');
            if (colon <= 0 || colon == client.length() - 1) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "--client must be ID:SECRET (both non-empty)");
            }
            builder.client(client.substring(0, colon), client.substring(colon + 1));
        }
        Pki pki = null;
        if (tlsDir != null) {
            pki = Pki.create(tlsDir);
            builder.tls(pki.serverTls());
        }
        ReferenceControlPlane cp = builder.start();

        out.println("Reference control plane listening on " + cp.baseUri());
        out.println("  clients: " + (clients.isEmpty()
                ? "none (no --client given: the token endpoint refuses everyone)"
                : String.join(", ", cp.clients())));
        out.println("  tokens: expire after " + tokenLifetime + " s; heartbeat/evidence "
                + (anonymous ? "accept anonymous callers" : "need a bearer token"));
        out.println("  remote config: " + (noRemoteConfig ? "not supported (404)" : "GET /api/agent/config")
                + "; evidence batch: " + (noBatch ? "not offered" : "POST /api/evidence/batch"));
        if (registry != null) {
            out.println("  registry: " + registry.toAbsolutePath() + " under " + cp.baseUri() + "/registry/");
        }
        if (data != null) {
            out.println("  data: " + data.toAbsolutePath());
        }
        if (pki != null) {
            ClientCertificate client = pki.issueClient("assessment-runtime",
                    tlsDir.resolve("client.pem"), tlsDir.resolve("client-key.pem"));
            out.println("  mTLS: CA " + pki.caCertificate().toAbsolutePath());
            out.println("        client certificate " + client.certificate().toAbsolutePath()
                    + ", key " + client.key().toAbsolutePath() + " (" + client.subject() + ")");
        }
        out.println("  admin: GET /_admin/received, POST /_admin/faults, /_admin/config, /_admin/revoke-tokens, "
                + "/_admin/disable-client, /_admin/clear");
        out.flush();
        return cp;
    }
}
