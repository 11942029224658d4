package org.assessmentruntime.pluginmanager.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.NotFoundException;
import org.assessmentruntime.api.PluginStore;
import org.assessmentruntime.api.PluginVerificationException;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.api.model.PluginDescriptor;
import org.assessmentruntime.api.model.PluginId;
import org.assessmentruntime.api.model.PluginRef;
import org.assessmentruntime.pluginstore.PluginStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Resolution, removal, rollback and verification against a real store. */
class PluginManagerServiceTest {

    @TempDir
    Path tmp;

    PluginStore store;
    PluginManagerService manager;

    @BeforeEach
    void setUp() throws Exception {
        store = PluginStores.open(tmp.resolve("store"), 10);
        for (String id : List.of("acme/x@0.9.0", "acme/x@1.0.0", "acme/x@1.2.0", "acme/x@1.2.5", "acme/x@1.3.0",
                "acme/x@2.0.0-rc.1", "acme/y@1.0.0")) {
            put(id);
        }
        manager = new PluginManagerService(store, new Settings(List.of(), true, List.of()));
    }

    private InstalledPlugin put(String id) throws AssessmentException {
        PluginId pluginId = PluginId.parse(id);
        byte[] module = module(id);
        return store.put(new InstalledPlugin(new PluginDescriptor(pluginId.name(), pluginId.version(), null, 1, null,
                null, null, null), Digest.sha256(module), InstalledPlugin.Source.LOCAL,
                InstalledPlugin.SignatureStatus.UNSIGNED, null, Instant.now()), module);
    }

    private static byte[] module(String seed) {
        byte[] text = seed.getBytes(StandardCharsets.UTF_8);
        byte[] module = Arrays.copyOf(new byte[] { 0, 'a', 's', 'm', 1, 0, 0, 0 }, 8 + text.length);
        System.arraycopy(text, 0, module, 8, text.length);
        return module;
    }

    private static List<String> versions(List<InstalledPlugin> plugins) {
        return plugins.stream().map(p -> p.id().version()).toList();
    }

    @ParameterizedTest(name = "acme/x@{0} resolves to {1}")
    @CsvSource(delimiter = '|', value = {
        "*             | 1.3.0",
        "''            | 1.3.0",
        "~> 1.2        | 1.3.0",
        "~> 1.2.0      | 1.2.5",
        ">= 1.0, < 1.3 | 1.2.5",
        "= 1.2.0       | 1.2.0",
        "1.0.0         | 1.0.0",
        "< 1           | 0.9.0",
        "~> 2.0        | ''",
        "= 2.0.0-rc.1  | 2.0.0-rc.1",
        ">= 2.0.0-rc.1 | 2.0.0-rc.1",
        "^1.0          | 1.3.0",
        "1.1.0         | ''",
    })
    void resolvesTheHighestInstalledVersionSatisfyingTheConstraint(String constraint, String expected) {
        assertThat(manager.resolve(new PluginRef("acme/x", constraint)).map(p -> p.id().version()).orElse(""))
                .isEqualTo(expected);
    }

    @Test
    void resolveRefusesAnUnreadableConstraintAndFindsNothingForUnknownPlugins() {
        assertThatThrownBy(() -> manager.resolve(new PluginRef("acme/x", "=> 1.0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("=> 1.0");
        assertThat(manager.resolve(PluginRef.parse("acme/unknown"))).isEmpty();
    }

    @Test
    void removesEveryVersionOneVersionOrThoseAConstraintMatches() throws Exception {
        assertThat(versions(manager.remove(PluginRef.parse("acme/x@1.2.0")))).containsExactly("1.2.0");
        assertThat(versions(manager.remove(new PluginRef("acme/x", "~> 1.2.0")))).containsExactly("1.2.5");
        // The name alone: every version, pre-releases included.
        assertThat(versions(manager.remove(PluginRef.parse("acme/x")))).containsExactly("0.9.0", "1.0.0", "1.3.0",
                "2.0.0-rc.1");
        assertThat(manager.installed()).extracting(p -> p.id().toString()).containsExactly("acme/y@1.0.0");

        assertThatThrownBy(() -> manager.remove(PluginRef.parse("acme/y@2.0.0"))).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no installed version of acme/y matches '2.0.0'; installed: [1.0.0]");
    }

    @Test
    void rollbackRemovesTheHighestVersionSoThatThePreviousOneRuns() throws Exception {
        assertThat(manager.rollback("acme/x").id().version()).isEqualTo("1.3.0");
        assertThat(manager.resolve(PluginRef.parse("acme/x@>= 2.0.0-rc.1"))).isEmpty();
        assertThat(manager.rollback("acme/x").id().version()).isEqualTo("1.2.5");
        assertThat(manager.resolve(PluginRef.parse("acme/x")).orElseThrow().id().version()).isEqualTo("1.2.5");

        assertThatThrownBy(() -> manager.rollback("acme/y")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("acme/y@1.0.0 is the only installed version");
        assertThatThrownBy(() -> manager.rollback("acme/none")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("acme/none is not installed");
        assertThatThrownBy(() -> manager.rollback("Not A Name")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void verifyChecksTheStoredBytesTheManifestAndThePolicyInForce() throws Exception {
        PluginId id = PluginId.parse("acme/y@1.0.0");
        assertThat(manager.verify(id).id()).isEqualTo(id);

        Path blob = tmp.resolve("store/blobs/sha256/" + store.find(id).orElseThrow().digest().hex());
        byte[] bytes = Files.readAllBytes(blob);
        bytes[bytes.length - 1] ^= 1;
        Files.write(blob, bytes);
        assertThatThrownBy(() -> manager.verify(id)).isInstanceOf(PluginVerificationException.class)
                .hasMessageContaining("acme/y@1.0.0").hasMessageContaining("changed on disk");

        PluginManagerService strict = new PluginManagerService(store, new Settings(List.of(), false, List.of()));
        assertThatThrownBy(() -> strict.verify(PluginId.parse("acme/x@1.0.0")))
                .isInstanceOf(PluginVerificationException.class).hasMessageContaining("allowUnsigned=false");
        assertThatThrownBy(() -> manager.verify(PluginId.parse("acme/x@9.0.0"))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void verifyRejectsAStoredManifestThisRuntimeCannotRun() throws Exception {
        byte[] module = module("abi 2");
        PluginId id = PluginId.parse("acme/future@1.0.0");
        store.put(new InstalledPlugin(new PluginDescriptor(id.name(), id.version(), null, 2, null, null, null, null),
                Digest.sha256(module), InstalledPlugin.Source.LOCAL, InstalledPlugin.SignatureStatus.UNSIGNED, null,
                Instant.now()), module);
        assertThatThrownBy(() -> manager.verify(id)).isInstanceOf(PluginVerificationException.class)
                .hasMessageContaining("acme/future@1.0.0").hasMessageContaining("abiVersion 2");
    }

    @Test
    void operationsThatNeedARegistrySaySoHonestly() throws Exception {
        assertThatThrownBy(() -> manager.install(PluginRef.parse("acme/z@~> 1.0")))
                .isInstanceOf(AssessmentException.class).isNotInstanceOf(NotFoundException.class)
                .hasMessageContaining("cannot install acme/z@~> 1.0").hasMessageContaining("no plugin registry");
        assertThatThrownBy(() -> manager.install(PluginRef.parse("acme/z@=> 1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> manager.upgrade("acme/x")).hasMessageContaining("no plugin registry");
        assertThatThrownBy(() -> manager.upgrade("acme/none")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> manager.upgradeAll()).hasMessageContaining("acme/x, acme/y")
                .hasMessageContaining("no plugin registry");
        assertThat(new PluginManagerService(PluginStores.open(tmp.resolve("empty")),
                new Settings(List.of(), true, List.of())).upgradeAll()).isEmpty();
    }

    @Test
    void anExecutorArrivingLaterCompilesWhatIsInstalledAndReportsWhatItRefuses() throws Exception {
        FakeExecutor executor = new FakeExecutor();
        Digest bad = store.find(PluginId.parse("acme/y@1.0.0")).orElseThrow().digest();
        executor.refused.add(bad);
        manager.bindExecutor(executor);

        assertThat(executor.prepared).hasSize(6).doesNotContain(bad);
        assertThat(manager.health().state()).isEqualTo(org.assessmentruntime.api.HealthState.DEGRADED);
        assertThat(manager.health().facts()).containsKey("unusable:acme/y@1.0.0");

        // A new executor has compiled nothing yet.
        manager.unbindExecutor(executor);
        FakeExecutor next = new FakeExecutor();
        manager.bindExecutor(next);
        assertThat(next.prepared).hasSize(7);
    }

    @Test
    void readsItsConfiguration() {
        System.setProperty("pluginmanager.test.home", tmp.toString());
        try {
            Settings settings = Settings.from(config(true, "${pluginmanager.test.home}/plugins/examples", " ",
                    "${no.such.property}/x"));
            assertThat(settings.localDirectories()).containsExactly(tmp.resolve("plugins/examples"));
            assertThat(settings.problems()).singleElement()
                    .satisfies(p -> assertThat(p.reason()).contains("no.such.property", "not set"));
            assertThat(settings.allowUnsigned()).isTrue();
        } finally {
            System.clearProperty("pluginmanager.test.home");
        }
    }

    @Test
    void readsItsRegistryConfigurationOnlyWhenARegistryIsSet() {
        assertThat(Settings.from(config(true, "")).registry()).isNull();
        System.setProperty("pluginmanager.test.home", tmp.toString());
        try {
            Settings settings = Settings.from(config(true, " https://plugins.example.org/ ", "",
                    "${pluginmanager.test.home}/lock.json", new String[0]));
            assertThat(settings.registry()).isEqualTo(new RegistryInstaller.Config("https://plugins.example.org/",
                    null, tmp.resolve("lock.json")));
            assertThat(Settings.from(config(true, "https://x.example/", "${no.such.property}/keys",
                    "${pluginmanager.test.home}/lock.json", new String[0])).problems()).singleElement()
                    .satisfies(p -> assertThat(p.reason()).contains("cannot use this trusted keys file",
                            "no.such.property"));
        } finally {
            System.clearProperty("pluginmanager.test.home");
        }
    }

    @Test
    void unsignedPluginsAreOffByDefaultAndTheFormerKeyKeepsItsMeaning() {
        System.setProperty("karaf.etc", tmp.toString());
        try {
            Settings defaults = Settings.from(withDefaults(java.util.Map.of()));
            assertThat(defaults.allowUnsigned()).isFalse();
            assertThat(defaults.trustedKeysFile()).isEqualTo(tmp.resolve("plugins.trusted-keys.properties"));
            assertThat(Settings.from(withDefaults(java.util.Map.of("allowUnsignedLocal", "true"))).allowUnsigned())
                    .isTrue();
            assertThat(Settings.from(withDefaults(java.util.Map.of("allowUnsignedLocal", "false"))).allowUnsigned())
                    .isFalse();
            Settings slow = Settings.from(withDefaults(java.util.Map.of("registryUrl", "https://r.example/",
                    "registryRequestTimeoutSeconds", 0)));
            assertThat(slow.registry().requestTimeout()).isEqualTo(RegistryClient.REQUEST_TIMEOUT);
            assertThat(slow.problems()).anySatisfy(p -> assertThat(p.reason()).contains("0 is outside 1..3600"));
        } finally {
            System.clearProperty("karaf.etc");
        }
    }

    /** The configuration with the metatype defaults, but for the given attributes. */
    static ManagerConfig withDefaults(java.util.Map<String, Object> overrides) {
        return (ManagerConfig) java.lang.reflect.Proxy.newProxyInstance(ManagerConfig.class.getClassLoader(),
                new Class<?>[] { ManagerConfig.class },
                (proxy, method, args) -> method.getName().equals("annotationType")
                        ? ManagerConfig.class
                        : overrides.containsKey(method.getName()) ? overrides.get(method.getName())
                                : method.getDefaultValue());
    }

    static ManagerConfig config(boolean allowUnsigned, String... directories) {
        return config(allowUnsigned, "", "", "", directories);
    }

    static ManagerConfig config(boolean allowUnsigned, String registryUrl, String trustedKeysFile, String lockFile,
            String[] directories) {
        return new ManagerConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return ManagerConfig.class;
            }

            @Override
            public String[] localDirectories() {
                return directories;
            }

            @Override
            public boolean allowUnsigned() {
                return allowUnsigned;
            }

            @Override
            public String allowUnsignedLocal() {
                return "";
            }

            @Override
            public int registryRequestTimeoutSeconds() {
                return 60;
            }

            @Override
            public String registryUrl() {
                return registryUrl;
            }

            @Override
            public String ociRegistry() {
                return "";
            }

            @Override
            public String trustedKeysFile() {
                return trustedKeysFile;
            }

            @Override
            public String lockFile() {
                return lockFile;
            }
        };
    }
}
