package org.assessmentruntime.pluginmanager.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.assessmentruntime.api.PluginStore;
import org.assessmentruntime.api.PluginVerificationException;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.PluginRef;
import org.assessmentruntime.api.model.PluginStatement;
import org.assessmentruntime.pluginstore.PluginStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A hostile static plugin registry on 127.0.0.1 (issue 15): it re-serves a module the operator's key
 * signed under another name, as a newer version, or with a wider {@code plugin.json}; it answers with
 * bodies far larger than any plugin, or drips them a byte at a time. None of it may be installed, and
 * none of it may hold the plugin manager.
 */
class HostileRegistryTest {

    static final String OS = ExamplePlugin.NAME;
    static final String EVIL = "examples/evil";

    @TempDir
    Path tmp;

    KeyPair trusted;
    Path keysFile;
    PluginStore store;
    PluginManagerService manager;
    HttpServer server;
    String url;
    /** Replies by path; a path not here is 404. */
    final Map<String, Handler> replies = new ConcurrentHashMap<>();
    /** Bytes of body the hostile replies managed to write before the client hung up. */
    final AtomicLong written = new AtomicLong();
    final CountDownLatch stop = new CountDownLatch(1);

    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange exchange) throws Exception;
    }

    @BeforeEach
    void setUp() throws Exception {
        ExamplePlugin.built();
        trusted = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        keysFile = Files.createDirectories(tmp.resolve("etc")).resolve("plugins.trusted-keys.properties");
        Files.writeString(keysFile, "release = " + Base64.getEncoder().encodeToString(
                trusted.getPublic().getEncoded()) + "\n");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            try (exchange) {
                Handler handler = replies.get(exchange.getRequestURI().getPath());
                if (handler == null) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    handler.handle(exchange);
                }
            } catch (IOException e) {
                // The client hung up: what the hostile replies want to see.
            } catch (Exception e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        store = PluginStores.open(tmp.resolve("store"), 10);
        manager = new PluginManagerService(store, new Settings(List.of(), false, List.of(),
                new RegistryInstaller.Config(url, keysFile, tmp.resolve("etc/plugins.lock.json"),
                        Duration.ofSeconds(3))));
    }

    @AfterEach
    void tearDown() {
        stop.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    private static Handler bytes(byte[] body) {
        return exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        };
    }

    /** Serves one version of a plugin: these bytes, this signature. */
    private void serve(String name, String version, byte[] module, byte[] manifest, String signature) {
        String dir = "/v1/plugins/" + name + "/" + version + "/";
        replies.put("/v1/plugins/" + name + "/versions", bytes(("{\"versions\": [{\"version\": \"" + version
                + "\"}]}").getBytes(StandardCharsets.UTF_8)));
        replies.put(dir + "download", bytes(("{\"url\": \"plugin.wasm\", \"manifestUrl\": \"plugin.json\","
                + " \"sha256\": \""
                + Digest.sha256(module).hex() + "\", \"signature\": \"" + signature + "\", \"keyId\": \"release\"}")
                .getBytes(StandardCharsets.UTF_8)));
        replies.put(dir + "plugin.wasm", bytes(module));
        replies.put(dir + "plugin.json", bytes(manifest));
    }

    private static byte[] manifest(String name, String version) throws IOException {
        return ExamplePlugin.manifest(version).replace("\"" + OS + "\"", "\"" + name + "\"")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** What the trusted key signed: os-baseline 1.0.0, as built. */
    private String genuineSignature() throws IOException {
        return PluginStatement.of(OS, "1.0.0", ExamplePlugin.module(null), manifest(OS, "1.0.0"))
                .sign(trusted.getPrivate());
    }

    /** A signature as the retired v1 format made it: over the module digest alone. */
    private String v1Signature(byte[] module) throws Exception {
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(trusted.getPrivate());
        signer.update(HexFormat.of().parseHex(Digest.sha256(module).hex()));
        return Base64.getEncoder().encodeToString(signer.sign());
    }

    private void assertRefused(String ref, String... fragments) {
        assertRefused(PluginRef.parse(ref), fragments);
    }

    private void assertRefused(PluginRef ref, String... fragments) {
        assertThatThrownBy(() -> manager.install(ref)).isInstanceOf(PluginVerificationException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(fragments));
        assertThat(store.list()).isEmpty();
    }

    @Test
    void theGenuineVersionInstalls() throws Exception {
        serve(OS, "1.0.0", ExamplePlugin.module(null), manifest(OS, "1.0.0"), genuineSignature());
        assertThat(manager.install(PluginRef.parse(OS)).signerKeyId()).isEqualTo("release");
    }

    @Test
    void anInstallPinnedToADigestRefusesAnyOtherModule() throws Exception {
        serve(OS, "1.0.0", ExamplePlugin.module(null), manifest(OS, "1.0.0"), genuineSignature());
        Digest other = Digest.sha256(new byte[] { 1 });
        assertRefused(new PluginRef(OS, "*", other, null), "not the pinned " + other);
        assertThat(manager.install(new PluginRef(OS, "*", Digest.sha256(ExamplePlugin.module(null)), null))
                .id().version()).isEqualTo("1.0.0");
        assertThatThrownBy(() -> manager.install(new PluginRef(OS, "*", other, null)))
                .isInstanceOf(PluginVerificationException.class).hasMessageContaining("not the pinned");
    }

    @Test
    void aSignedModuleReServedUnderAnotherNameIsRefused() throws Exception {
        serve(EVIL, "1.0.0", ExamplePlugin.module(null), manifest(EVIL, "1.0.0"), genuineSignature());
        assertRefused(EVIL, EVIL + "@1.0.0", "does not verify with the trusted key 'release'");
    }

    @Test
    void aSignedModuleReServedAsANewerVersionIsRefused() throws Exception {
        serve(OS, "9.0.0", ExamplePlugin.module(null), manifest(OS, "9.0.0"), genuineSignature());
        assertRefused(OS, OS + "@9.0.0", "does not verify");
    }

    @Test
    void aSignedModuleReServedWithAWiderManifestIsRefused() throws Exception {
        // Same name, version and module; the manifest grants itself the host's root and a longer timeout.
        String wider = new String(manifest(OS, "1.0.0"), StandardCharsets.UTF_8)
                .replace("{ \"hostPath\": \"/etc\", \"guestPath\": \"/etc\" }",
                        "{ \"hostPath\": \"/\", \"guestPath\": \"/host\" }")
                .replace("\"PT10S\"", "\"PT1H\"");
        assertThat(wider).contains("\"/host\"", "PT1H");
        serve(OS, "1.0.0", ExamplePlugin.module(null), wider.getBytes(StandardCharsets.UTF_8), genuineSignature());
        assertRefused(OS, OS + "@1.0.0", "does not verify", "manifest " + Digest.sha256(
                wider.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aV1SignatureIsRefusedWithAClearMessageEvenForTheRightBytes() throws Exception {
        // What the old runtime accepted for any name, version and manifest served with this module.
        byte[] module = ExamplePlugin.module(null);
        serve(EVIL, "9.0.0", module, manifest(EVIL, "9.0.0"), v1Signature(module));
        assertRefused(EVIL, "retired v1 format", "re-sign it with assessment-cli plugin sign");
        serve(OS, "1.0.0", module, manifest(OS, "1.0.0"), v1Signature(module));
        assertRefused(OS, "retired v1 format");
    }

    @Test
    void anEndlessReplyIsCutOffAtTheCapWhileItStreams() throws Exception {
        serve(OS, "1.0.0", ExamplePlugin.module(null), manifest(OS, "1.0.0"), genuineSignature());
        // The download record never ends (chunked, no Content-Length): up to 512 MiB unless cut off.
        replies.put("/v1/plugins/" + OS + "/1.0.0/download", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream body = exchange.getResponseBody();
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            for (int i = 0; i < 512 * 16; i++) {
                body.write(chunk);
                written.addAndGet(chunk.length);
            }
        });
        assertThatThrownBy(() -> manager.install(PluginRef.parse(OS))).isInstanceOf(PluginVerificationException.class)
                .hasMessageContaining("sent too much")
                .hasMessageContaining("past the " + RegistryClient.MAX_JSON_BYTES);
        // The client hung up near the cap, rather than reading hundreds of megabytes and measuring them.
        assertThat(written.get()).isLessThan(64L * 1024 * 1024);
        assertThat(store.list()).isEmpty();
    }

    @Test
    void aDeclaredOversizedModuleIsRefusedBeforeItIsRead() throws Exception {
        serve(OS, "1.0.0", ExamplePlugin.module(null), manifest(OS, "1.0.0"), genuineSignature());
        replies.put("/v1/plugins/" + OS + "/1.0.0/plugin.wasm", exchange -> {
            exchange.sendResponseHeaders(200, 3L * 1024 * 1024 * 1024);
            OutputStream body = exchange.getResponseBody();
            byte[] chunk = new byte[64 * 1024];
            while (!stop.await(0, TimeUnit.SECONDS)) {
                body.write(chunk);
                written.addAndGet(chunk.length);
            }
        });
        // The bound only keeps a regression (reading the 3 GiB) from hanging the build.
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThatThrownBy(
                () -> manager.install(PluginRef.parse(OS))).isInstanceOf(PluginVerificationException.class)
                .hasMessageContaining("Content-Length is 3221225472 bytes"));
        assertThat(written.get()).isLessThan(64L * 1024 * 1024);
    }

    @Test
    void aReplyThatDripsInIsCutOffAtTheRequestDeadline() throws Exception {
        serve(OS, "1.0.0", ExamplePlugin.module(null), manifest(OS, "1.0.0"), genuineSignature());
        // Headers at once, then a byte every 200 ms, for ever: HttpRequest.timeout alone never fires.
        replies.put("/v1/plugins/" + OS + "/versions", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream body = exchange.getResponseBody();
            while (!stop.await(200, TimeUnit.MILLISECONDS)) {
                body.write(' ');
                body.flush();
            }
        });
        // The bound only keeps a regression from hanging the build; the deadline under test is 3 s.
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThatThrownBy(
                () -> manager.install(PluginRef.parse(OS))).isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("did not complete").hasMessageContaining("within 3s"));
        assertThat(manager.health().facts().get("registryUnavailable")).contains("did not complete");
        assertThat(store.list()).isEmpty();
    }
}
