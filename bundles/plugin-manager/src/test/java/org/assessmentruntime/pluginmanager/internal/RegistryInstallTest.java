package org.assessmentruntime.pluginmanager.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.HealthState;
import org.assessmentruntime.api.NotFoundException;
import org.assessmentruntime.api.PluginStore;
import org.assessmentruntime.api.PluginVerificationException;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.api.model.PluginId;
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
 * Installing from a registry served as static files on 127.0.0.1 by the test, holding the built example
 * plugins signed with a key pair made here.
 */
class RegistryInstallTest {

    static final String OS = "examples/os-baseline";
    static final String SSHD = "examples/sshd-hardening";

    @TempDir
    Path tmp;

    Path built;
    Path root;
    Path keysFile;
    Path lockFile;
    KeyPair trusted;
    KeyPair other;
    HttpServer server;
    String url;
    /** Paths served with their full Content-Length but only half of their bytes. */
    final Set<String> truncated = ConcurrentHashMap.newKeySet();
    /** A path whose reply stops half-way until {@link #release} opens; {@link #stalled} says it began. */
    volatile String stallPath;
    final java.util.concurrent.CountDownLatch stalled = new java.util.concurrent.CountDownLatch(1);
    final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    /** When not 0, every request is answered with this status. */
    volatile int failWith;
    PluginStore store;
    PluginManagerService manager;

    @BeforeEach
    void setUp() throws Exception {
        built = Path.of(System.getProperty("plugins.built.dir", ""));
        assumeThat(built.resolve("os-baseline/plugin.wasm")).as("built example plugins (skipped with -Dplugins.skip)")
                .exists();
        root = Files.createDirectories(tmp.resolve("registry"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        trusted = generator.generateKeyPair();
        other = generator.generateKeyPair();
        KeyPair raw = generator.generateKeyPair();
        byte[] spki = raw.getPublic().getEncoded();
        keysFile = tmp.resolve("etc/plugins.trusted-keys.properties");
        Files.createDirectories(keysFile.getParent());
        // One key as X.509 SubjectPublicKeyInfo, one as the raw 32 bytes.
        Files.writeString(keysFile, "release-2026 = " + Base64.getEncoder().encodeToString(trusted.getPublic().getEncoded())
                + "\nraw-key = " + Base64.getEncoder().encodeToString(Arrays.copyOfRange(spki, spki.length - 32,
                        spki.length)) + "\n");
        lockFile = tmp.resolve("etc/plugins.lock.json");

        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";

        store = PluginStores.open(tmp.resolve("store"), 10);
        manager = manager(url);
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.stop(0);
        }
    }

    PluginManagerService manager(String registryUrl) {
        return new PluginManagerService(store, new Settings(List.of(), false, List.of(),
                new RegistryInstaller.Config(registryUrl, keysFile, lockFile)));
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (failWith != 0) {
                exchange.sendResponseHeaders(failWith, -1);
                return;
            }
            Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] bytes = Files.readAllBytes(file);
            exchange.sendResponseHeaders(200, bytes.length);
            OutputStream body = exchange.getResponseBody();
            if (exchange.getRequestURI().getPath().equals(stallPath)) {
                body.write(bytes, 0, bytes.length / 2);
                body.flush();
                stalled.countDown();
                release.await(60, java.util.concurrent.TimeUnit.SECONDS);
                body.write(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
            } else if (truncated.contains(exchange.getRequestURI().getPath())) {
                body.write(bytes, 0, bytes.length / 2);
                body.flush();
            } else {
                body.write(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The truncated replies end here: the connection is closed short of its Content-Length.
        }
    }

    /** Publishes a built example under another version, signed by {@code signer} as {@code keyId}. */
    Path publish(String name, String version, String tag, PrivateKey signer, String keyId) throws Exception {
        Path source = built.resolve(name.substring(name.indexOf('/') + 1));
        String manifest = Files.readString(source.resolve("plugin.json"))
                .replaceFirst("\"version\"\\s*:\\s*\"[^\"]*\"", "\"version\": \"" + version + "\"");
        byte[] module = Files.readAllBytes(source.resolve("plugin.wasm"));
        if (tag != null) {
            // A custom section: a valid module with other bytes.
            byte[] name8 = tag.getBytes(StandardCharsets.UTF_8);
            byte[] section = new byte[3 + name8.length];
            section[0] = 0;
            section[1] = (byte) (1 + name8.length);
            section[2] = (byte) name8.length;
            System.arraycopy(name8, 0, section, 3, name8.length);
            module = concat(module, section);
        }
        byte[] digest = HexFormat.of().parseHex(Digest.sha256(module).hex());
        String signature = PluginStatement.of(name, version, module, manifest.getBytes(StandardCharsets.UTF_8))
                .sign(signer);
        return serve(name, version, module, manifest, signature, keyId);
    }

    /** Serves a version as given: module, manifest, and a download record with this signature. */
    Path serve(String name, String version, byte[] module, String manifest, String signature, String keyId)
            throws Exception {
        byte[] digest = HexFormat.of().parseHex(Digest.sha256(module).hex());
        Path dir = Files.createDirectories(root.resolve("v1/plugins/" + name + "/" + version));
        Files.write(dir.resolve("plugin.wasm"), module);
        Files.writeString(dir.resolve("plugin.json"), manifest);
        Files.writeString(dir.resolve("download"), "{\"url\": \"plugin.wasm\", \"manifestUrl\": \"plugin.json\","
                + " \"sha256\": \"" + HexFormat.of().formatHex(digest) + "\", \"signature\": \""
                + signature + "\", \"keyId\": \"" + keyId + "\"}");
        Set<String> versions = new TreeSet<>();
        try (var children = Files.list(dir.getParent())) {
            children.filter(Files::isDirectory).forEach(c -> versions.add(c.getFileName().toString()));
        }
        Files.writeString(dir.getParent().resolve("versions"), "{\"versions\": [" + versions.stream()
                .map(v -> "{\"version\": \"" + v + "\"}").collect(Collectors.joining(", ")) + "]}");
        return dir;
    }

    Path publish(String name, String version) throws Exception {
        return publish(name, version, null, trusted.getPrivate(), "release-2026");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private List<String> installed() {
        return store.list().stream().map(p -> p.id().toString()).toList();
    }

    private String lock() throws IOException {
        return Files.exists(lockFile) ? Files.readString(lockFile) : "<none>";
    }

    /** The call fails with a message holding each fragment, and neither store nor lock file change. */
    private void assertRefused(ThrowingCallable call, Class<? extends Exception> type, String... fragments)
            throws IOException, AssessmentException {
        List<String> before = installed();
        String lockBefore = lock();
        assertThatThrownBy(call).isInstanceOf(type).satisfies(e -> assertThat(e.getMessage()).contains(fragments));
        assertThat(installed()).isEqualTo(before);
        assertThat(lock()).isEqualTo(lockBefore);
        assertThat(store.gc()).as("nothing half-stored").isZero();
    }

    @Test
    void installsTheHighestVersionTheConstraintAllowsUpgradesAndRollsBack() throws Exception {
        publish(OS, "1.0.0");
        publish(OS, "1.1.0", "one-one", trusted.getPrivate(), "release-2026");
        publish(OS, "2.0.0", "two", trusted.getPrivate(), "release-2026");

        InstalledPlugin plugin = manager.install(PluginRef.parse(OS + "@~> 1.0"));
        assertThat(plugin.id()).isEqualTo(new PluginId(OS, "1.1.0"));
        assertThat(plugin.source()).isEqualTo(InstalledPlugin.Source.REGISTRY);
        assertThat(plugin.signature()).isEqualTo(InstalledPlugin.SignatureStatus.VERIFIED);
        assertThat(plugin.signerKeyId()).isEqualTo("release-2026");
        assertThat(new LockFile(lockFile).read()).containsEntry(OS, new LockFile.Entry("1.1.0", plugin.digest()));
        assertThat(manager.verify(plugin.id())).isEqualTo(plugin);
        assertThat(manager.install(PluginRef.parse(OS + "@>= 1.0, < 2.0"))).isEqualTo(plugin);
        assertThat(manager.health().facts()).containsEntry("registries", url);

        publish(OS, "2.1.0-rc.1", "rc", trusted.getPrivate(), "release-2026");
        InstalledPlugin upgraded = manager.upgrade(OS).orElseThrow();
        assertThat(upgraded.id().version()).isEqualTo("2.0.0");
        assertThat(new LockFile(lockFile).get(OS)).hasValue(new LockFile.Entry("2.0.0", upgraded.digest()));
        assertThat(manager.upgrade(OS)).isEmpty();
        assertThat(manager.resolve(PluginRef.parse(OS))).hasValue(upgraded);

        // Rollback returns the version now running.
        assertThat(manager.rollback(OS).id().version()).isEqualTo("1.1.0");
        assertThat(manager.resolve(PluginRef.parse(OS)).orElseThrow().id().version()).isEqualTo("1.1.0");
        assertThat(manager.upgradeAll()).extracting(p -> p.id().toString()).containsExactly(OS + "@2.0.0");
    }

    @Test
    void theLockFilePinsVersionAndDigestAndOnlyUpgradeMovesIt() throws Exception {
        publish(OS, "1.0.0");
        InstalledPlugin locked = manager.install(PluginRef.parse(OS + "@= 1.0.0"));
        publish(OS, "1.1.0", "newer", trusted.getPrivate(), "release-2026");
        manager.remove(PluginRef.parse(OS));

        // The constraint allows 1.1.0, the lock says 1.0.0.
        assertThat(manager.install(PluginRef.parse(OS + "@~> 1.0"))).satisfies(p -> {
            assertThat(p.id().version()).isEqualTo("1.0.0");
            assertThat(p.digest()).isEqualTo(locked.digest());
        });
        assertRefused(() -> manager.install(PluginRef.parse(OS + "@~> 1.1")), AssessmentException.class,
                "pins " + OS + " to 1.0.0", "use upgrade");

        // The registry republishes 1.0.0 with other (validly signed) bytes: refused.
        manager.remove(PluginRef.parse(OS));
        publish(OS, "1.0.0", "changed", trusted.getPrivate(), "release-2026");
        assertRefused(() -> manager.install(PluginRef.parse(OS)), PluginVerificationException.class,
                "the lock file", locked.digest().toString());

        // A fleet member with the same lock file installs the same version.
        publish(OS, "1.0.0");
        PluginManagerService twin = new PluginManagerService(PluginStores.open(tmp.resolve("twin")),
                new Settings(List.of(), false, List.of(), new RegistryInstaller.Config(url, keysFile, lockFile)));
        assertThat(twin.install(PluginRef.parse(OS)).digest()).isEqualTo(locked.digest());
    }

    @Test
    void aTamperedModuleIsRefused() throws Exception {
        publish(SSHD, "1.0.0");
        manager.install(PluginRef.parse(SSHD));
        Path dir = publish(OS, "1.0.0");
        byte[] module = Files.readAllBytes(dir.resolve("plugin.wasm"));
        module[module.length - 1] ^= 1;
        Files.write(dir.resolve("plugin.wasm"), module);
        assertRefused(() -> manager.install(PluginRef.parse(OS)), PluginVerificationException.class,
                OS + "@1.0.0", "the registry record says", "tampered");
    }

    @Test
    void aWrongSignatureIsRefused() throws Exception {
        publish(OS, "1.0.0", null, other.getPrivate(), "release-2026");
        assertRefused(() -> manager.install(PluginRef.parse(OS)), PluginVerificationException.class,
                "signature does not verify with the trusted key 'release-2026'");
    }

    @Test
    void anUnknownKeyIsRefusedAndTheRawKeyFormIsTrusted() throws Exception {
        publish(OS, "1.0.0", null, other.getPrivate(), "stranger");
        assertRefused(() -> manager.install(PluginRef.parse(OS)), PluginVerificationException.class,
                "signed by the key 'stranger', which is not trusted", "raw-key", "release-2026");
    }

    @Test
    void aTruncatedDownloadIsRefused() throws Exception {
        publish(OS, "1.0.0");
        truncated.add("/v1/plugins/" + OS + "/1.0.0/plugin.wasm");
        assertRefused(() -> manager.install(PluginRef.parse(OS)), AssessmentException.class,
                "/v1/plugins/" + OS + "/1.0.0/plugin.wasm", "truncated");
    }

    @Test
    void anUnknownPluginIsNotFound() throws Exception {
        publish(SSHD, "1.0.0");
        manager.install(PluginRef.parse(SSHD));
        assertRefused(() -> manager.install(PluginRef.parse("acme/none")), NotFoundException.class,
                "does not know acme/none", "HTTP 404");
    }

    @Test
    void aMissingDownloadRecordIsNotFound() throws Exception {
        Files.delete(publish(OS, "1.0.0").resolve("download"));
        assertRefused(() -> manager.install(PluginRef.parse(OS)), NotFoundException.class, "1.0.0/download",
                "HTTP 404");
    }

    @Test
    void malformedRepliesAreRefused() throws Exception {
        Path dir = publish(OS, "1.0.0");
        Files.writeString(dir.resolve("download"), "<html>not json</html>");
        assertRefused(() -> manager.install(PluginRef.parse(OS)), AssessmentException.class, "malformed",
                "not JSON");
        Files.writeString(dir.resolve("download"), "{\"url\": \"plugin.wasm\"}");
        assertRefused(() -> manager.install(PluginRef.parse(OS)), AssessmentException.class, "malformed",
                "no \"sha256\"");
        Files.writeString(dir.getParent().resolve("versions"), "{\"versions\": \"1.0.0\"}");
        assertRefused(() -> manager.install(PluginRef.parse(OS)), AssessmentException.class, "malformed",
                "no \"versions\" array");
    }

    @Test
    void aManifestForAnotherVersionIsRefused() throws Exception {
        Path dir = publish(OS, "1.0.0");
        String other = Files.readString(dir.resolve("plugin.json"))
                .replaceFirst("\"version\": \"1.0.0\"", "\"version\": \"9.9.9\"");
        byte[] module = Files.readAllBytes(dir.resolve("plugin.wasm"));
        // Changed after signing: the signature no longer verifies.
        Files.writeString(dir.resolve("plugin.json"), other);
        assertRefused(() -> manager.install(PluginRef.parse(OS)), PluginVerificationException.class,
                "does not verify");
        // Signed so by mistake: the manifest must still be for the version offered.
        serve(OS, "1.0.0", module, other, PluginStatement.of(OS, "1.0.0", module,
                other.getBytes(StandardCharsets.UTF_8)).sign(trusted.getPrivate()), "release-2026");
        assertRefused(() -> manager.install(PluginRef.parse(OS)), PluginVerificationException.class,
                "is for " + OS + "@9.9.9");
    }

    @Test
    void aRegistryThatIsDownIsReported() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        PluginManagerService down = manager("http://127.0.0.1:" + port + "/");
        assertRefused(() -> down.install(PluginRef.parse(OS)), AssessmentException.class, "unreachable",
                "127.0.0.1:" + port);
    }

    @Test
    void anUnavailableRegistryDegradesTheHealthUntilTheNextSuccess() throws Exception {
        publish(OS, "1.0.0");
        publish(OS, "1.1.0");
        manager.install(PluginRef.parse(OS + "@1.0.0"));
        assertThat(manager.health().state()).isEqualTo(HealthState.UP);
        failWith = 503;

        Instant before = Instant.now();
        assertRefused(() -> manager.upgrade(OS), RegistryUnavailableException.class, "HTTP 503");

        ComponentHealth degraded = manager.health();
        assertThat(degraded.state()).isEqualTo(HealthState.DEGRADED);
        assertThat(degraded.detail()).contains("plugin registry unavailable since", "HTTP 503",
                "running with the 1 installed plugin versions");
        assertThat(degraded.facts().get("registryUnavailable")).contains("HTTP 503");
        assertThat(Instant.parse(degraded.facts().get("registryUnavailableSince"))).isBetween(before, Instant.now());
        assertThat(manager.resolve(PluginRef.parse(OS))).as("what the store has still resolves").isPresent();

        failWith = 0;
        assertThat(manager.upgrade(OS)).isPresent();
        assertThat(manager.health().state()).isEqualTo(HealthState.UP);
        assertThat(manager.health().facts()).doesNotContainKeys("registryUnavailable", "registryUnavailableSince");
    }

    @Test
    void anUnreachableRegistryDegradesTheHealth() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        PluginManagerService down = manager("http://127.0.0.1:" + port + "/");
        assertRefused(() -> down.install(PluginRef.parse(OS)), RegistryUnavailableException.class, "unreachable");
        assertThat(down.health().state()).isEqualTo(HealthState.DEGRADED);
        assertThat(down.health().facts().get("registryUnavailable")).contains("unreachable", "127.0.0.1:" + port);
    }

    @Test
    void aClientErrorIsNoOutage() throws Exception {
        failWith = 403;
        assertRefused(() -> manager.install(PluginRef.parse(OS)), AssessmentException.class, "HTTP 403");
        assertThat(manager.health().facts()).doesNotContainKey("registryUnavailable");
    }

    @Test
    void anUnsatisfiableConstraintIsNotFound() throws Exception {
        publish(OS, "1.0.0");
        publish(OS, "1.1.0");
        assertRefused(() -> manager.install(PluginRef.parse(OS + "@~> 5.0")), NotFoundException.class,
                "no version of " + OS, "satisfies '~> 5.0'", "[1.0.0, 1.1.0]");
    }

    @Test
    void plainHttpToAnotherHostIsRefused() throws Exception {
        assertRefused(() -> manager("http://example.com/registry/").install(PluginRef.parse(OS)),
                AssessmentException.class, "plain HTTP to the non-loopback host example.com", "refused");
        assertRefused(() -> manager("http://10.0.0.1/").install(PluginRef.parse(OS)), AssessmentException.class,
                "non-loopback host 10.0.0.1");
        // A download record may not send the module over plain HTTP elsewhere either.
        Path dir = publish(OS, "1.0.0");
        Files.writeString(dir.resolve("download"), Files.readString(dir.resolve("download"))
                .replace("\"plugin.wasm\"", "\"http://example.com/plugin.wasm\""));
        assertRefused(() -> manager.install(PluginRef.parse(OS)), AssessmentException.class,
                "http://example.com/plugin.wasm", "non-loopback");
    }

    @Test
    void withoutTrustedKeysNothingIsInstalled() throws Exception {
        publish(OS, "1.0.0");
        Files.delete(keysFile);
        assertRefused(() -> manager.install(PluginRef.parse(OS)), PluginVerificationException.class,
                "not trusted", "(absent)");
    }

    @Test
    void verifyRefusesAPluginWhoseKeyIsNoLongerTrusted() throws Exception {
        publish(OS, "1.0.0");
        InstalledPlugin plugin = manager.install(PluginRef.parse(OS));
        Files.writeString(keysFile, "");
        assertThatThrownBy(() -> manager.verify(plugin.id())).isInstanceOf(PluginVerificationException.class)
                .hasMessageContaining("'release-2026', which is no longer trusted");
    }

    @Test
    void killingTheProcessMidDownloadLeavesTheStoreConsistent() throws Exception {
        publish("examples/os-baseline", "1.1.0");
        stallPath = "/v1/plugins/examples/os-baseline/1.1.0/plugin.wasm";
        Path childStore = tmp.resolve("child-store");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), InstallChild.class.getName(), childStore.toString(), url,
                keysFile.toString(), lockFile.toString(), "examples/os-baseline@~> 1.1")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        try {
            assertThat(stalled.await(60, java.util.concurrent.TimeUnit.SECONDS))
                    .as("the child started downloading; its log: %s", tmp.resolve("child.log")).isTrue();
            child.destroyForcibly();
            assertThat(child.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
            release.countDown();
        }

        // Restart: the store the killed process used opens cleanly, holds nothing half-written, and takes
        // the same install from a fresh process's point of view.
        PluginStore reopened = PluginStores.open(childStore, 10);
        assertThat(reopened.list()).isEmpty();
        assertThat(reopened.gc()).as("no orphaned module").isZero();
        try (var files = Files.walk(childStore)) {
            assertThat(files.filter(f -> f.getFileName().toString().contains(".tmp"))).isEmpty();
        }
        assertThat(lockFile).doesNotExist();
        stallPath = null;
        PluginManagerService restarted = new PluginManagerService(reopened, new Settings(List.of(), false, List.of(),
                new RegistryInstaller.Config(url, keysFile, lockFile)));
        assertThat(restarted.install(PluginRef.parse("examples/os-baseline@~> 1.1")).descriptor().version())
                .isEqualTo("1.1.0");
    }
}
