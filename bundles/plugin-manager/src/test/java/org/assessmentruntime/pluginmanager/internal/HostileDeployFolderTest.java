package org.assessmentruntime.pluginmanager.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.File;
import java.io.RandomAccessFile;
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
import java.util.Optional;

import org.assessmentruntime.api.PluginStore;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.api.model.PluginRef;
import org.assessmentruntime.api.model.PluginSignature;
import org.assessmentruntime.api.model.PluginStatement;
import org.assessmentruntime.pluginstore.PluginStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A hostile local user with write access to the deploy folder (issue 15): an unsigned plugin dropped
 * there must not install by default, must never stand in for the signed version a job uses, and links,
 * FIFOs and oversized files must be refused by name rather than followed, waited on or read whole.
 * "Sign it, then deploy it" works without a registry: module, manifest and signature side by side.
 */
class HostileDeployFolderTest {

    static final String OS = ExamplePlugin.NAME;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    Path deploy;
    Path keysFile;
    KeyPair trusted;
    PluginStore store;
    PluginManagerService manager;
    DeployFolderInstaller installer;

    @BeforeEach
    void setUp() throws Exception {
        ExamplePlugin.built();
        deploy = Files.createDirectories(tmp.resolve("deploy"));
        trusted = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        keysFile = tmp.resolve("plugins.trusted-keys.properties");
        Files.writeString(keysFile, "release = "
                + Base64.getEncoder().encodeToString(trusted.getPublic().getEncoded()));
        store = PluginStores.open(tmp.resolve("store"));
        manager = manager(false);
        installer = new DeployFolderInstaller(manager);
    }

    /** With the trusted keys file, no registry. */
    PluginManagerService manager(boolean allowUnsigned) {
        return new PluginManagerService(store, new Settings(List.of(), allowUnsigned, List.of(), null, keysFile));
    }

    /** Drops {@code base}.wasm and {@code base}.plugin.json for a version; signed unless {@code signature} is null. */
    File drop(String base, String version, String tag, String signature) throws Exception {
        Files.write(deploy.resolve(base + ".wasm"), ExamplePlugin.module(tag));
        Files.writeString(deploy.resolve(base + ".plugin.json"), ExamplePlugin.manifest(version));
        if (signature != null) {
            Files.writeString(deploy.resolve(base + ".sig"), signature);
        }
        return deploy.resolve(base + ".wasm").toFile();
    }

    /** The signature file assessment-cli plugin sign writes, for these bytes. */
    String sign(String version, String tag) throws Exception {
        PluginStatement statement = PluginStatement.of(OS, version, ExamplePlugin.module(tag),
                ExamplePlugin.manifest(version).getBytes(StandardCharsets.UTF_8));
        return JSON.writeValueAsString(PluginSignature.of(statement, "release", statement.sign(trusted.getPrivate())));
    }

    String rejection(File module) {
        return manager.health().facts().get("rejected:deploy " + module.getAbsolutePath());
    }

    @Test
    void unsignedPluginsAreRefusedByDefault() throws Exception {
        assertThat(ManagerConfig.class.getMethod("allowUnsigned").getDefaultValue()).isEqualTo(false);
        File module = drop("os-baseline", "1.0.0", null, null);
        installer.install(module);
        assertThat(store.list()).isEmpty();
        assertThat(rejection(module)).contains("is not signed", "os-baseline.sig", "allowUnsigned=false");
    }

    @Test
    void aSignedTripleInstallsAsVerified() throws Exception {
        File module = drop("os-baseline", "1.0.0", null, sign("1.0.0", null));
        installer.install(module);
        assertThat(store.list()).singleElement().satisfies(p -> {
            assertThat(p.signature()).isEqualTo(InstalledPlugin.SignatureStatus.VERIFIED);
            assertThat(p.signerKeyId()).isEqualTo("release");
            assertThat(p.source()).isEqualTo(InstalledPlugin.Source.DEPLOY_FOLDER);
        });
    }

    @Test
    void aSignatureForOtherBytesOrOfTheRetiredFormatIsRefused() throws Exception {
        // Signed for 1.0.0, deployed with a manifest saying 2.0.0.
        File module = drop("os-baseline", "2.0.0", null, sign("1.0.0", null));
        installer.install(module);
        assertThat(store.list()).isEmpty();
        assertThat(rejection(module)).contains("does not verify");

        Signature v1 = Signature.getInstance("Ed25519");
        v1.initSign(trusted.getPrivate());
        byte[] digest = HexFormat.of().parseHex(Digest.sha256(ExamplePlugin.module(null)).hex());
        v1.update(digest);
        drop("os-baseline", "1.0.0", null, "{\"sha256\": \"" + HexFormat.of().formatHex(digest)
                + "\", \"signature\": \""
                + Base64.getEncoder().encodeToString(v1.sign()) + "\", \"keyId\": \"release\"}");
        installer.update(module);
        assertThat(store.list()).isEmpty();
        assertThat(rejection(module)).contains("retired v1 format", "assessment-cli plugin sign");
    }

    @Test
    void anUnsignedVersionNeverShadowsASignedOneEvenWhenUnsignedAreAllowed() throws Exception {
        manager = manager(true);
        installer = new DeployFolderInstaller(manager);
        installer.install(drop("os-baseline", "1.0.0", null, sign("1.0.0", null)));
        // A forged, higher, unsigned version beside it.
        installer.install(drop("forged", "9.0.0", "forged", null));
        assertThat(store.list()).hasSize(2);

        assertThat(manager.resolve(PluginRef.parse(OS)).map(p -> p.id().version())).hasValue("1.0.0");
        // Unsigned only when no signed version fits the constraint.
        assertThat(manager.resolve(PluginRef.parse(OS + "@^9")).map(p -> p.id().version())).hasValue("9.0.0");
        // And never once unsigned plugins are no longer allowed.
        assertThat(manager(false).resolve(PluginRef.parse(OS + "@^9"))).isEmpty();
    }

    @Test
    void aJobMayPinADigestOrASource() throws Exception {
        manager = manager(true);
        installer = new DeployFolderInstaller(manager);
        installer.install(drop("os-baseline", "1.0.0", null, sign("1.0.0", null)));
        installer.install(drop("other", "1.1.0", "other", sign("1.1.0", "other")));
        Digest old = Digest.sha256(ExamplePlugin.module(null));

        assertThat(manager.resolve(PluginRef.parse(OS)).map(p -> p.id().version())).hasValue("1.1.0");
        assertThat(manager.resolve(new PluginRef(OS, "*", old, null)).map(p -> p.id().version())).hasValue("1.0.0");
        assertThat(manager.resolve(new PluginRef(OS, "*", null, InstalledPlugin.Source.DEPLOY_FOLDER))).isPresent();
        // A pin that nothing matches: unavailable, never another version.
        Digest unknown = Digest.sha256(new byte[] { 1 });
        assertThat(manager.resolve(new PluginRef(OS, "*", unknown, null))).isEmpty();
        assertThat(manager.resolve(new PluginRef(OS, "*", null, InstalledPlugin.Source.REGISTRY))).isEmpty();
        assertThat(new PluginRef(OS, "*", unknown, null).toString()).contains("pinned to " + unknown);
    }

    @Test
    void aSymbolicLinkIsRefusedNotFollowed() throws Exception {
        Path secret = Files.writeString(tmp.resolve("host.key"), "-----BEGIN PRIVATE KEY-----");
        drop("os-baseline", "1.0.0", null, sign("1.0.0", null));
        Files.delete(deploy.resolve("os-baseline.plugin.json"));
        Files.createSymbolicLink(deploy.resolve("os-baseline.plugin.json"), secret);
        File module = deploy.resolve("os-baseline.wasm").toFile();
        installer.install(module);
        assertThat(store.list()).isEmpty();
        assertThat(rejection(module)).contains("os-baseline.plugin.json is a symbolic link, not a regular file")
                .doesNotContain("BEGIN PRIVATE KEY");

        Files.delete(deploy.resolve("os-baseline.plugin.json"));
        Files.writeString(deploy.resolve("os-baseline.plugin.json"), ExamplePlugin.manifest("1.0.0"));
        Path real = Files.move(deploy.resolve("os-baseline.wasm"), tmp.resolve("real.wasm"));
        Files.createSymbolicLink(deploy.resolve("os-baseline.wasm"), real);
        installer.install(module);
        assertThat(rejection(module)).contains("os-baseline.wasm is a symbolic link");
    }

    @Test
    void aFifoIsRefusedNotWaitedOn() throws Exception {
        drop("os-baseline", "1.0.0", null, sign("1.0.0", null));
        Path fifo = deploy.resolve("os-baseline.plugin.json");
        Files.delete(fifo);
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeThat(mkfifo.waitFor()).as("mkfifo available").isZero();
        File module = deploy.resolve("os-baseline.wasm").toFile();
        // Reading a FIFO nobody writes to blocks for ever: the bound keeps a regression from hanging the build.
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> installer.install(module));
        assertThat(store.list()).isEmpty();
        assertThat(rejection(module)).contains("special file (FIFO, socket or device), not a regular file");
    }

    @Test
    void anOversizedModuleIsRefusedUnread() throws Exception {
        drop("os-baseline", "1.0.0", null, sign("1.0.0", null));
        try (RandomAccessFile file = new RandomAccessFile(deploy.resolve("os-baseline.wasm").toFile(), "rw")) {
            file.setLength(PluginFiles.MAX_MODULE_BYTES + 1); // sparse: no disk used
        }
        File module = deploy.resolve("os-baseline.wasm").toFile();
        installer.install(module);
        assertThat(store.list()).isEmpty();
        assertThat(rejection(module)).contains("os-baseline.wasm is " + (PluginFiles.MAX_MODULE_BYTES + 1) + " bytes",
                "more than the " + PluginFiles.MAX_MODULE_BYTES + " allowed");
    }

    @Test
    void removingTheSignatureLeavesAnUnsignedPairThatIsRefused() throws Exception {
        File module = drop("os-baseline", "1.0.0", null, sign("1.0.0", null));
        installer.install(module);
        Files.delete(deploy.resolve("os-baseline.sig"));
        installer.uninstall(deploy.resolve("os-baseline.sig").toFile());
        assertThat(rejection(module)).contains("is not signed");
        Optional<InstalledPlugin> kept = store.list().stream().findFirst();
        assertThat(kept).as("the verified version stays as it was verified").isPresent();
    }
}
