package org.assessmentruntime.pluginmanager.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.assessmentruntime.api.PluginStore;
import org.assessmentruntime.api.PluginVerificationException;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.PluginStatement;
import org.assessmentruntime.pluginstore.PluginStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real OCI registry for tests: Debian's {@code docker-registry} (the CNCF distribution registry),
 * started on 127.0.0.1 with a temporary storage directory; plugins are pushed to it with the
 * distribution API (plugins/REGISTRY.md, "OCI registry").
 */
abstract class OciRegistryFixture {

    static final Path REGISTRY_BINARY = Path.of("/usr/bin/docker-registry");
    static final String OS = ExamplePlugin.NAME;
    static final String PREFIX = "plugins";

    @TempDir
    Path tmp;

    Process registry;
    URI base;
    Path storage;
    Path keysFile;
    Path lockFile;
    KeyPair trusted;
    PluginStore store;
    PluginManagerService manager;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void setUp() throws Exception {
        ExamplePlugin.built();
        if (!Files.isExecutable(REGISTRY_BINARY)) {
            fail(REGISTRY_BINARY + " is missing: the OCI registry tests need Debian's registry server;"
                    + " install it with: apt-get install docker-registry");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        storage = Files.createDirectories(tmp.resolve("registry-storage"));
        Path config = tmp.resolve("registry.yml");
        Files.writeString(config, "version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: "
                + storage + "\nhttp:\n  addr: 127.0.0.1:" + port + "\n");
        registry = new ProcessBuilder(REGISTRY_BINARY.toString(), "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("registry.log").toFile()).start();
        base = URI.create("http://127.0.0.1:" + port + "/");
        awaitRegistry();

        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        trusted = generator.generateKeyPair();
        keysFile = tmp.resolve("etc/plugins.trusted-keys.properties");
        Files.createDirectories(keysFile.getParent());
        Files.writeString(keysFile, "release-2026 = " + Base64.getEncoder().encodeToString(
                trusted.getPublic().getEncoded()) + "\n");
        lockFile = tmp.resolve("etc/plugins.lock.json");
        store = PluginStores.open(tmp.resolve("store"), 10);
        manager = new PluginManagerService(store, new Settings(List.of(), false, List.of(),
                new RegistryInstaller.Config("oci://127.0.0.1:" + port + "/" + PREFIX, keysFile, lockFile)));
    }

    void awaitRegistry() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            if (!registry.isAlive()) {
                fail("docker-registry exited with " + registry.exitValue() + ": "
                        + Files.readString(tmp.resolve("registry.log")));
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(base.resolve("v2/")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            if (System.nanoTime() > deadline) {
                fail("docker-registry did not answer " + base + "v2/ within 20s: "
                        + Files.readString(tmp.resolve("registry.log")));
            }
            Thread.sleep(100);
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        if (registry != null) {
            registry.destroy();
            if (!registry.waitFor(10, TimeUnit.SECONDS)) {
                registry.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Pushes a blob (POST, then monolithic PUT); returns its digest. */
    String pushBlob(String repository, byte[] bytes) throws Exception {
        String digest = "sha256:" + Digest.sha256(bytes).hex();
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(base.resolve("v2/" + repository
                + "/blobs/uploads/")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String location = base.resolve(started.headers().firstValue("Location").orElseThrow()).toString();
        URI upload = URI.create(location + (location.contains("?") ? "&" : "?") + "digest=" + digest);
        HttpResponse<String> done = http.send(HttpRequest.newBuilder(upload)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(done.statusCode()).as(done.body()).isEqualTo(201);
        return digest;
    }

    private static String descriptor(String mediaType, String digest, long size) {
        return "{\"mediaType\": \"" + mediaType + "\", \"digest\": \"" + digest + "\", \"size\": " + size + "}";
    }

    /**
     * Pushes a version of the os-baseline example (module with a custom section {@code tag} when not null)
     * signed by {@code signer} as {@code keyId}; returns the manifest digest the registry reports.
     */
    String push(String version, String tag, PrivateKey signer, String keyId) throws Exception {
        byte[] module = ExamplePlugin.module(tag);
        byte[] manifest = ExamplePlugin.manifest(version).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return push(OS, version, module, manifest, PluginStatement.of(OS, version, module, manifest).sign(signer),
                keyId);
    }

    /** Pushes exactly these bytes and this signature as tag {@code version} of plugin {@code name}. */
    String push(String name, String version, byte[] module, byte[] manifest, String signature, String keyId)
            throws Exception {
        String repository = PREFIX + "/" + name;
        byte[] config = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String image = "{\"schemaVersion\": 2, \"mediaType\": \"" + OciClient.IMAGE_MANIFEST + "\","
                + " \"config\": " + descriptor("application/vnd.oci.empty.v1+json", pushBlob(repository, config),
                        config.length)
                + ", \"layers\": [" + descriptor(OciClient.WASM_LAYER, pushBlob(repository, module), module.length)
                + ", " + descriptor(OciClient.PLUGIN_MANIFEST_LAYER, pushBlob(repository, manifest), manifest.length)
                + "], \"annotations\": {\"" + OciClient.SIGNATURE_ANNOTATION + "\": \""
                + signature + "\", \"" + OciClient.KEY_ID_ANNOTATION
                + "\": \"" + keyId + "\"}}";
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(base.resolve("v2/" + repository
                + "/manifests/" + version)).header("Content-Type", OciClient.IMAGE_MANIFEST)
                .PUT(HttpRequest.BodyPublishers.ofString(image)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        return put.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }

    String push(String version, String tag) throws Exception {
        return push(version, tag, trusted.getPrivate(), "release-2026");
    }

    List<String> installed() {
        return store.list().stream().map(p -> p.id().toString()).toList();
    }

    String lock() throws IOException {
        return Files.exists(lockFile) ? Files.readString(lockFile) : "<none>";
    }

    void assertRefused(ThrowingCallable call, String... fragments) throws Exception {
        List<String> before = installed();
        String lockBefore = lock();
        assertThatThrownBy(call).isInstanceOf(PluginVerificationException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(fragments));
        assertThat(installed()).isEqualTo(before);
        assertThat(lock()).isEqualTo(lockBefore);
        assertThat(store.gc()).as("nothing half-stored").isZero();
    }

}
