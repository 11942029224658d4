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
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.assessmentruntime.api.PluginStore;
import org.assessmentruntime.api.PluginVerificationException;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.api.model.PluginId;
import org.assessmentruntime.api.model.PluginRef;
import org.assessmentruntime.pluginstore.PluginStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installing from a real OCI registry: Debian's {@code docker-registry} (the CNCF distribution registry),
 * started by the test on 127.0.0.1 with a temporary storage directory; plugins are pushed to it with
 * the distribution API (plugins/REGISTRY.md, "OCI registry").
 */
class OciInstallTest {

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

    private void awaitRegistry() throws Exception {
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
        String repository = PREFIX + "/" + OS;
        byte[] module = ExamplePlugin.module(tag);
        byte[] manifest = ExamplePlugin.manifest(version).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] config = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Signature signature = Signature.getInstance("Ed25519");
        signature.initSign(signer);
        signature.update(HexFormat.of().parseHex(Digest.sha256(module).hex()));
        String image = "{\"schemaVersion\": 2, \"mediaType\": \"" + OciClient.IMAGE_MANIFEST + "\","
                + " \"config\": " + descriptor("application/vnd.oci.empty.v1+json", pushBlob(repository, config),
                        config.length)
                + ", \"layers\": [" + descriptor(OciClient.WASM_LAYER, pushBlob(repository, module), module.length)
                + ", " + descriptor(OciClient.PLUGIN_MANIFEST_LAYER, pushBlob(repository, manifest), manifest.length)
                + "], \"annotations\": {\"" + OciClient.SIGNATURE_ANNOTATION + "\": \""
                + Base64.getEncoder().encodeToString(signature.sign()) + "\", \"" + OciClient.KEY_ID_ANNOTATION
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

    private List<String> installed() {
        return store.list().stream().map(p -> p.id().toString()).toList();
    }

    private String lock() throws IOException {
        return Files.exists(lockFile) ? Files.readString(lockFile) : "<none>";
    }

    private void assertRefused(ThrowingCallable call, String... fragments) throws Exception {
        List<String> before = installed();
        String lockBefore = lock();
        assertThatThrownBy(call).isInstanceOf(PluginVerificationException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(fragments));
        assertThat(installed()).isEqualTo(before);
        assertThat(lock()).isEqualTo(lockBefore);
        assertThat(store.gc()).as("nothing half-stored").isZero();
    }

    @Test
    void installsByConstraintPullingByDigestAndLocksTheManifestDigest() throws Exception {
        push("1.0.0", null);
        String manifest11 = push("1.1.0", "one-one");
        push("2.0.0", "two");

        InstalledPlugin plugin = manager.install(PluginRef.parse(OS + "@~> 1.0"));
        assertThat(plugin.id()).isEqualTo(new PluginId(OS, "1.1.0"));
        assertThat(plugin.digest()).isEqualTo(Digest.sha256(ExamplePlugin.module("one-one")));
        assertThat(plugin.source()).isEqualTo(InstalledPlugin.Source.REGISTRY);
        assertThat(plugin.signature()).isEqualTo(InstalledPlugin.SignatureStatus.VERIFIED);
        assertThat(plugin.signerKeyId()).isEqualTo("release-2026");
        assertThat(new LockFile(lockFile).get(OS))
                .hasValue(new LockFile.Entry("1.1.0", plugin.digest(), manifest11));
        assertThat(manager.verify(plugin.id())).isEqualTo(plugin);

        // The tag is moved to other bytes: the lock file's manifest digest still pulls the locked ones.
        manager.remove(PluginRef.parse(OS));
        push("1.1.0", "moved");
        assertThat(manager.install(PluginRef.parse(OS + "@~> 1.0")).digest()).isEqualTo(plugin.digest());

        InstalledPlugin upgraded = manager.upgrade(OS).orElseThrow();
        assertThat(upgraded.id().version()).isEqualTo("2.0.0");
        assertThat(new LockFile(lockFile).get(OS).orElseThrow().ociManifest()).startsWith("sha256:");
    }

    @Test
    void aTamperedBlobIsRefusedAndTheStoreIsUnchanged() throws Exception {
        push("1.0.0", "tampered");
        Path blob = storage.resolve("docker/registry/v2/blobs/sha256/" + Digest.sha256(
                ExamplePlugin.module("tampered")).hex().substring(0, 2) + "/"
                + Digest.sha256(ExamplePlugin.module("tampered")).hex() + "/data");
        byte[] bytes = Files.readAllBytes(blob);
        bytes[bytes.length - 1] ^= 1; // same size, other bytes
        Files.write(blob, bytes);

        assertRefused(() -> manager.install(PluginRef.parse(OS)), "tampered or corrupted");
        assertThat(installed()).isEmpty();
    }

    @Test
    void aModuleSignedByAnUnknownKeyIsRefused() throws Exception {
        KeyPair stranger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        push("1.0.0", null, stranger.getPrivate(), "stranger");

        assertRefused(() -> manager.install(PluginRef.parse(OS)), "signed by the key 'stranger'", "not trusted");
        assertThat(installed()).isEmpty();
    }
}
