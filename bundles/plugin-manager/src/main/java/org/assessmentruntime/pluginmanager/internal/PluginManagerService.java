package org.assessmentruntime.pluginmanager.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.ComponentId;
import org.assessmentruntime.api.HealthIndicator;
import org.assessmentruntime.api.HealthState;
import org.assessmentruntime.api.NotFoundException;
import org.assessmentruntime.api.PluginManager;
import org.assessmentruntime.api.PluginStore;
import org.assessmentruntime.api.PluginVerificationException;
import org.assessmentruntime.api.WasmExecutor;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.api.model.PluginId;
import org.assessmentruntime.api.model.PluginRef;
import org.assessmentruntime.jobrunner.InvalidPluginException;
import org.assessmentruntime.jobrunner.PluginPackage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's {@link PluginManager}, local part: installs the plugins of the configured local
 * directories at start and on every configuration change, resolves constraints against the store, and
 * verifies, removes and rolls back installed versions; installs and upgrades from the configured plugin
 * registry (plugins/REGISTRY.md), verifying digest and signature first, and keeps the lock file.
 * Plugins hot-deployed from bundles ({@link BundlePluginExtender}) and the deploy folder
 * ({@link DeployFolderInstaller}) come and go through {@link #installProvided} and
 * {@link #withdrawProvided}. When the registry is unreachable (or answers 5xx) it keeps running with
 * what the store holds and reports itself degraded, with the reason and time, until the next success.
 *
 * <p>Installing the local directories' plugins at start (parsing and validating every one) and compiling
 * every installed module when an executor arrives take seconds with many plugins; both run on a
 * background thread of this component, so that its activation (and the boot it is part of) does not
 * wait for them. Nothing is lost meanwhile: the public methods wait for the first pass over the local
 * directories before they read or change what is installed, and a plugin run before its module was
 * compiled is compiled by the executor on demand (sharing a compilation already under way). Modules the
 * engine refuses are logged and reported in the health as before, once the background pass reaches them.
 */
@Component(configurationPid = "org.assessmentruntime.pluginmanager",
        // Also under its own class, private to this bundle: the hot-deploy components (bundle extender,
        // deploy folder) install through it.
        service = { PluginManager.class, HealthIndicator.class, PluginManagerService.class },
        property = ComponentId.SERVICE_PROPERTY + "=plugin-manager")
@Designate(ocd = ManagerConfig.class)
public class PluginManagerService implements PluginManager, HealthIndicator {

    private static final Logger LOG = LoggerFactory.getLogger(PluginManagerService.class);

    private static final String NO_REGISTRY = "no plugin registry is configured (set registryUrl); plugins in the"
            + " local plugin directories are installed at start";

    private final PluginStore store;
    private final Preparer preparer = new Preparer();
    private final LocalInstaller localInstaller;
    /** Changes to installed plugins are serialised (the API's promise); reads need no lock. */
    private final Object changes = new Object();
    /** Installed versions that failed to compile when an executor arrived, with the reason. */
    private final Map<PluginId, String> unusable = new ConcurrentHashMap<>();
    private volatile Settings settings;
    private volatile LocalInstaller.Report local = LocalInstaller.Report.NONE;
    private volatile int[] counts = { 0, 0 };
    /** Hot-deployed plugins: provider (a bundle, a deploy-folder file) → the version it provides. */
    private final Map<String, PluginId> provided = new ConcurrentHashMap<>();
    /** Providers whose plugin was refused, with the reason. */
    private final Map<String, String> providedRejected = new ConcurrentHashMap<>();
    /** The last registry failure (unreachable, timeout, 5xx) since the last success; null when none. */
    private volatile RegistryOutage registryOutage;
    /** Runs the passes over the local directories and the installed modules, one at a time, in order. */
    private final Executor background;
    /** Completes when the first pass over the local directories is over, successful or not. */
    private final CompletableFuture<Void> initialPass = new CompletableFuture<>();
    /** Installed modules the current compiling pass has still to compile. */
    private final AtomicInteger compiling = new AtomicInteger();
    private volatile boolean deactivated;

    /**
     * How long a caller waits for the first pass over the local directories. It takes seconds at worst;
     * should it hang (a local directory on a dead network mount), callers go on with what is stored.
     */
    private static final long INITIAL_PASS_WAIT_SECONDS = 120;

    /**
     * The plugin registry failed to answer.
     *
     * @param reason what failed
     * @param since  when
     */
    record RegistryOutage(String reason, Instant since) {
    }

    /** DS constructor: installs the local directories' plugins on the background thread, and returns. */
    @Activate
    public PluginManagerService(@Reference PluginStore store, ManagerConfig config) {
        this(store, Settings.from(config), Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "plugin-manager-prepare");
            // Never keeps the JVM up: whatever it had still to compile compiles at the first run instead.
            thread.setDaemon(true);
            return thread;
        }));
    }

    /** Does all its work in the calling thread: installs the local directories' plugins before it returns. */
    PluginManagerService(PluginStore store, Settings settings) {
        this(store, settings, Runnable::run);
    }

    /**
     * @param background runs the passes over the local directories and the installed modules, one at a
     *                   time in the order given (a single thread, or the calling thread)
     */
    PluginManagerService(PluginStore store, Settings settings, Executor background) {
        this.store = Objects.requireNonNull(store, "store");
        this.localInstaller = new LocalInstaller(store, preparer);
        this.background = Objects.requireNonNull(background, "background");
        this.settings = settings;
        inBackground("installing the plugins of the local directories", () -> {
            try {
                apply(settings);
            } finally {
                initialPass.complete(null);
            }
        });
    }

    /** Stops the background passes; what they had still to compile compiles at its first run. */
    @Deactivate
    void deactivate() {
        deactivated = true;
        if (background instanceof ExecutorService service) {
            service.shutdownNow();
        }
    }

    private void inBackground(String what, Runnable task) {
        background.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException | LinkageError e) {
                // Logged here: nobody waits on the task to see it (e.g. an engine's native library that
                // does not load).
                if (!deactivated) {
                    LOG.error("Plugin manager: failed {}: {}", what, e.toString(), e);
                }
            }
        });
    }

    /**
     * Waits for the first pass over the local directories, so that no plugin they hold is missing from
     * what a caller sees. Called outside the {@code changes} lock, which that pass holds.
     */
    private void awaitInitialPass() {
        if (initialPass.isDone()) {
            return;
        }
        try {
            initialPass.get(INITIAL_PASS_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException e) {
            LOG.warn("The plugins of the local directories {} are still being installed after {} s; going on with"
                    + " the {} installed plugin versions", settings.localDirectories(), INITIAL_PASS_WAIT_SECONDS,
                    store.list().size());
        } catch (ExecutionException e) {
            // Never: it is always completed normally.
        }
    }

    /** Whether the first pass over the local directories is over (for tests). */
    boolean initialPassDone() {
        return initialPass.isDone();
    }

    /** Installs from the local directories of a changed configuration. */
    @Modified
    void modified(ManagerConfig config) {
        apply(Settings.from(config));
    }

    void apply(Settings newSettings) {
        synchronized (changes) {
            settings = newSettings;
            local = localInstaller.installAll(newSettings);
            refreshCounts();
        }
    }

    /**
     * Compiles every installed module on the new executor, in the background: SCR binds it during the
     * activation (and the boot) it would otherwise hold up. Installations go on meanwhile; they compile
     * their own module with whichever executor is bound then.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindExecutor(WasmExecutor executor) {
        preparer.bind(executor);
        // Reported from now on, not only once the background thread gets to it.
        compiling.set(store.list().size());
        inBackground("compiling the installed plugins", this::prepareInstalled);
    }

    void unbindExecutor(WasmExecutor executor) {
        preparer.unbind(executor);
    }

    /** Compiles every installed module on a newly arrived executor. */
    private void prepareInstalled() {
        List<InstalledPlugin> all = store.list();
        unusable.clear();
        compiling.set(all.size());
        try {
            for (InstalledPlugin plugin : all) {
                if (deactivated || !preparer.hasExecutor()) {
                    // Gone: the next executor's pass compiles them.
                    return;
                }
                try {
                    preparer.prepare(plugin, store.module(plugin.digest()));
                } catch (AssessmentException | RuntimeException e) {
                    // Not for a version removed meanwhile, nor for the interruption of a shutdown.
                    if (!deactivated && store.find(plugin.id()).filter(p -> p.digest().equals(plugin.digest()))
                            .isPresent()) {
                        unusable.put(plugin.id(), e.getMessage());
                        LOG.error("Installed plugin {} cannot run: {}", plugin.id(), e.getMessage());
                    }
                } finally {
                    compiling.decrementAndGet();
                }
            }
        } finally {
            compiling.set(0);
        }
    }

    @Override
    public InstalledPlugin install(PluginRef ref) throws AssessmentException {
        awaitInitialPass();
        if (ref.source() != null && ref.source() != InstalledPlugin.Source.REGISTRY) {
            throw new AssessmentException("cannot install " + ref + " from a plugin registry: it is pinned to"
                    + " another source");
        }
        VersionConstraint constraint = VersionConstraint.parse(ref.version());
        RegistryInstaller registry = registry();
        if (registry == null) {
            throw new AssessmentException("cannot install " + ref + ": " + NO_REGISTRY + " ("
                    + settings.localDirectories() + ")");
        }
        synchronized (changes) {
            try {
                return registryCall(() -> registry.install(ref.name(), constraint, ref.digest()));
            } finally {
                refreshCounts();
            }
        }
    }

    @Override
    public Optional<InstalledPlugin> upgrade(String name) throws AssessmentException {
        awaitInitialPass();
        List<InstalledPlugin> versions = versions(name);
        if (versions.isEmpty()) {
            throw new NotFoundException(name + " is not installed");
        }
        RegistryInstaller registry = registry();
        if (registry == null) {
            throw new AssessmentException("cannot upgrade " + name + ": " + NO_REGISTRY);
        }
        synchronized (changes) {
            try {
                List<InstalledPlugin> now = versions(name);
                return registryCall(() -> registry.upgrade(name, now.get(now.size() - 1)));
            } finally {
                refreshCounts();
            }
        }
    }

    /** Upgrades every plugin installed from the registry; those from elsewhere are left alone. */
    @Override
    public List<InstalledPlugin> upgradeAll() throws AssessmentException {
        awaitInitialPass();
        List<String> names = store.list().stream().map(p -> p.id().name()).distinct().toList();
        if (names.isEmpty()) {
            return List.of();
        }
        if (registry() == null) {
            throw new AssessmentException("cannot upgrade " + names + ": " + NO_REGISTRY);
        }
        List<String> fromRegistry = store.list().stream().filter(p -> p.source() == InstalledPlugin.Source.REGISTRY)
                .map(p -> p.id().name()).distinct().toList();
        List<InstalledPlugin> upgraded = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (String name : fromRegistry) {
            try {
                upgrade(name).ifPresent(upgraded::add);
            } catch (AssessmentException e) {
                failures.add(name + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new AssessmentException("upgraded " + upgraded.stream().map(p -> p.id().toString()).toList()
                    + "; could not upgrade " + failures.size() + " plugins: " + String.join("; ", failures));
        }
        return upgraded;
    }

    /** A call that talks to the registry. */
    @FunctionalInterface
    private interface RegistryCall<T> {
        T call() throws AssessmentException;
    }

    /** Records an unavailable registry, and clears that record on the next successful call. */
    private <T> T registryCall(RegistryCall<T> call) throws AssessmentException {
        try {
            T result = call.call();
            if (registryOutage != null) {
                LOG.info("Plugin registry {} is available again", settings.registry().url());
            }
            registryOutage = null;
            return result;
        } catch (RegistryUnavailableException e) {
            registryOutage = new RegistryOutage(e.getMessage(), Instant.now());
            LOG.warn("Plugin registry unavailable; running with the {} installed plugin versions: {}",
                    store.list().size(), e.getMessage());
            throw e;
        }
    }

    RegistryOutage registryOutage() {
        return registryOutage;
    }

    /**
     * Installs a plugin provided by a bundle or a deploy-folder file, signed (its signature file verifies
     * with a trusted key) or, when unsigned plugins are allowed, unsigned; or takes note that it provides
     * a version already stored with the same module. A provider provides one version at a time: one it
     * provided before is withdrawn once the new one is installed.
     *
     * @param provider      identifies the provider, e.g. {@code bundle:42} or {@code deploy:/opt/karaf/deploy/x.wasm}
     * @param pkg           the validated plugin
     * @param manifest      its {@code plugin.json} bytes, as read (the signature covers their digest)
     * @param signature     its signature file's bytes, or null when it has none
     * @param signatureName the signature file's name, for messages
     * @param source        {@link InstalledPlugin.Source#BUNDLE} or {@link InstalledPlugin.Source#DEPLOY_FOLDER}
     * @return the installed version
     * @throws AssessmentException if the signature does not verify, or there is none and unsigned plugins
     *                             are not allowed, the same version is stored with another module (a
     *                             version never changes), or the executor refuses the module; the
     *                             rejection is then reported in the health
     */
    InstalledPlugin installProvided(String provider, PluginPackage pkg, byte[] manifest, byte[] signature,
            String signatureName, InstalledPlugin.Source source) throws AssessmentException {
        // The local directories' plugins first, as when the first pass ran in the constructor.
        awaitInitialPass();
        synchronized (changes) {
            try {
                Admission admission = Admission.of(pkg + " from " + provider, pkg, manifest, signature,
                        signatureName, settings.trustedKeys(), settings.allowUnsigned());
                InstalledPlugin plugin = storeProvided(provider, pkg, source, admission);
                PluginId before = provided.put(provider, plugin.id());
                providedRejected.remove(provider);
                if (before != null && !before.equals(plugin.id())) {
                    dropIfUnprovided(before);
                }
                return plugin;
            } catch (AssessmentException | RuntimeException e) {
                providedRejected.put(provider, e.getMessage());
                throw e;
            } finally {
                refreshCounts();
            }
        }
    }

    private InstalledPlugin storeProvided(String provider, PluginPackage pkg, InstalledPlugin.Source source,
            Admission admission) throws AssessmentException {
        Optional<InstalledPlugin> stored = store.find(pkg.id());
        if (stored.isPresent() && stored.get().digest().equals(pkg.digest())
                && (stored.get().signature() == InstalledPlugin.SignatureStatus.VERIFIED
                        || admission.signature() == InstalledPlugin.SignatureStatus.UNSIGNED)) {
            preparer.prepare(stored.get(), pkg.module());
            return stored.get();
        }
        if (stored.isPresent() && !stored.get().digest().equals(pkg.digest())) {
            // Its own hot-deployed version may be replaced by its provider (e.g. a rebuilt deploy file);
            // any other is immutable.
            boolean own = pkg.id().equals(provided.get(provider)) && isHotDeployed(stored.get())
                    && provided.entrySet().stream().noneMatch(e -> !e.getKey().equals(provider)
                            && e.getValue().equals(pkg.id()));
            if (!own) {
                throw new AssessmentException(pkg.id() + " is installed with the module " + stored.get().digest()
                        + ", but " + provider + " has " + pkg.digest() + ": a version never changes once installed;"
                        + " give this one a new version in its " + PluginPackage.MANIFEST);
            }
        }
        InstalledPlugin plugin = new InstalledPlugin(pkg.descriptor(), pkg.digest(), source,
                admission.signature(), admission.keyId(), Instant.now());
        // Compiled before it is stored, so that a module the engine refuses is never installed.
        preparer.prepare(plugin, pkg.module());
        if (stored.isPresent()) {
            store.remove(stored.get().id());
            evictUnused(List.of(stored.get()));
        }
        InstalledPlugin result = store.put(plugin, pkg.module());
        LOG.info("Installed plugin {} from {}", pkg, provider);
        return result;
    }

    /** Records that a provider's plugin was refused before it reached the manager (e.g. unreadable). */
    void rejectProvided(String provider, String reason) {
        providedRejected.put(provider, reason);
    }

    /**
     * A provider is gone (bundle stopped, file deleted): the version it provided is removed from the
     * store unless something else provides it (another provider, or it was installed otherwise).
     *
     * @return the version removed, if one was
     */
    Optional<PluginId> withdrawProvided(String provider) throws AssessmentException {
        awaitInitialPass();
        synchronized (changes) {
            providedRejected.remove(provider);
            PluginId id = provided.remove(provider);
            if (id == null) {
                return Optional.empty();
            }
            return dropIfUnprovided(id) ? Optional.of(id) : Optional.empty();
        }
    }

    /** The providers of hot-deployed plugins, and the version each provides. */
    Map<String, PluginId> provided() {
        return Map.copyOf(provided);
    }

    private boolean dropIfUnprovided(PluginId id) throws AssessmentException {
        if (provided.containsValue(id)) {
            return false;
        }
        Optional<InstalledPlugin> stored = store.find(id);
        if (stored.isEmpty() || !isHotDeployed(stored.get())) {
            return false;
        }
        store.remove(id);
        evictUnused(List.of(stored.get()));
        LOG.info("Removed hot-deployed plugin {}: nothing provides it any more", id);
        return true;
    }

    private static boolean isHotDeployed(InstalledPlugin plugin) {
        return plugin.source() == InstalledPlugin.Source.BUNDLE
                || plugin.source() == InstalledPlugin.Source.DEPLOY_FOLDER;
    }

    private RegistryInstaller registry() {
        RegistryInstaller.Config config = settings.registry();
        return config == null ? null : new RegistryInstaller(store, preparer, config);
    }

    @Override
    public List<InstalledPlugin> remove(PluginRef ref) throws AssessmentException {
        // "namespace/name" alone means every version, pre-releases included.
        VersionConstraint constraint = PluginRef.ANY.equals(ref.version()) ? null : VersionConstraint.parse(ref.version());
        awaitInitialPass();
        synchronized (changes) {
            List<InstalledPlugin> matching = versions(ref.name()).stream()
                    .filter(p -> constraint == null || constraint.allows(p.id().version())).toList();
            if (matching.isEmpty()) {
                throw new NotFoundException("no installed version of " + ref.name() + " matches '" + ref.version()
                        + "'; installed: " + versions(ref.name()).stream().map(p -> p.id().version()).toList());
            }
            for (InstalledPlugin plugin : matching) {
                store.remove(plugin.id());
            }
            evictUnused(matching);
            return matching;
        }
    }

    @Override
    public InstalledPlugin rollback(String name) throws AssessmentException {
        awaitInitialPass();
        synchronized (changes) {
            List<InstalledPlugin> versions = versions(name);
            if (versions.isEmpty()) {
                throw new NotFoundException(name + " is not installed");
            }
            InstalledPlugin highest = versions.get(versions.size() - 1);
            InstalledPlugin previous = store.previous(highest.id()).orElseThrow(() -> new NotFoundException(
                    highest.id() + " is the only installed version of " + name + "; there is none to go back to"));
            store.remove(highest.id());
            evictUnused(List.of(highest));
            LOG.info("Rolled back {} from {} to {}", name, highest.id().version(), previous.id().version());
            return previous;
        }
    }

    @Override
    public InstalledPlugin verify(PluginId id) throws AssessmentException {
        awaitInitialPass();
        InstalledPlugin plugin = store.find(id).orElseThrow(() -> new NotFoundException(id + " is not installed"));
        // The store re-hashes the module on every read.
        byte[] module = store.module(plugin.digest());
        try {
            PluginPackage.of(plugin.descriptor(), module);
        } catch (InvalidPluginException e) {
            throw new PluginVerificationException(id + " (" + plugin.digest() + "): " + e.getMessage(), e);
        }
        checkSignature(plugin);
        return plugin;
    }

    /** Against the policy in force now, which may have changed since installation. */
    private void checkSignature(InstalledPlugin plugin) throws AssessmentException {
        if (plugin.signature() == InstalledPlugin.SignatureStatus.VERIFIED) {
            // The signature was checked at installation; the key must still be trusted.
            TrustedKeys keys = settings.trustedKeys();
            if (!keys.trusts(plugin.signerKeyId())) {
                throw new PluginVerificationException(plugin.id() + " was signed by the key '" + plugin.signerKeyId()
                        + "', which is no longer trusted (trusted: " + keys.ids() + ")");
            }
            return;
        }
        if (plugin.source() == InstalledPlugin.Source.REGISTRY) {
            throw new PluginVerificationException(plugin.id() + " came from a registry without a signature");
        }
        if (!settings.allowUnsigned()) {
            throw new PluginVerificationException(plugin.id() + " (" + plugin.digest() + ") is not signed, and"
                    + " unsigned plugins are not allowed (allowUnsigned=false)");
        }
    }

    @Override
    public List<InstalledPlugin> installed() {
        awaitInitialPass();
        return store.list();
    }

    /**
     * The highest signed version the constraint (and the reference's digest and source pins) allows;
     * an unsigned one only when unsigned plugins are allowed and no signed version fits. So an unsigned
     * version dropped into the deploy folder or a local directory never stands in for a signed one,
     * however high its version.
     */
    @Override
    public Optional<InstalledPlugin> resolve(PluginRef ref) {
        VersionConstraint constraint = VersionConstraint.parse(ref.version());
        // A job started at boot must find the local directories' plugins.
        awaitInitialPass();
        boolean allowUnsigned = settings.allowUnsigned();
        // The store lists versions in ascending order: the last match is the highest.
        InstalledPlugin signed = null;
        InstalledPlugin unsigned = null;
        for (InstalledPlugin plugin : versions(ref.name())) {
            if (!constraint.allows(plugin.id().version())
                    || ref.digest() != null && !ref.digest().equals(plugin.digest())
                    || ref.source() != null && ref.source() != plugin.source()) {
                continue;
            }
            if (plugin.signature() == InstalledPlugin.SignatureStatus.VERIFIED) {
                signed = plugin;
            } else if (allowUnsigned) {
                unsigned = plugin;
            }
        }
        return Optional.ofNullable(signed != null ? signed : unsigned);
    }

    /** Installed versions of a plugin, lowest first. */
    private List<InstalledPlugin> versions(String name) {
        String checked = new PluginRef(name, null).name();
        return store.list().stream().filter(p -> p.id().name().equals(checked)).toList();
    }

    /** Evicts the compiled modules of removed versions that no installed version still uses. */
    private void evictUnused(List<InstalledPlugin> removed) {
        List<InstalledPlugin> remaining = store.list();
        for (InstalledPlugin plugin : removed) {
            unusable.remove(plugin.id());
            if (remaining.stream().noneMatch(p -> p.digest().equals(plugin.digest()))) {
                preparer.evict(plugin.digest());
            }
        }
        refreshCounts();
    }

    private void refreshCounts() {
        List<InstalledPlugin> all = store.list();
        counts = new int[] { all.size(), (int) all.stream().map(p -> p.id().name()).distinct().count() };
    }

    @Override
    public ComponentHealth health() {
        LocalInstaller.Report report = local;
        int[] now = counts;
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("versions", Integer.toString(now[0]));
        facts.put("plugins", Integer.toString(now[1]));
        facts.put("localDirectories", report.directories().toString());
        facts.put("localInstalled", Integer.toString(report.installed()));
        facts.put("localAlreadyInstalled", Integer.toString(report.present()));
        facts.put("localRejected", Integer.toString(report.rejected().size()));
        RegistryInstaller.Config registry = settings.registry();
        facts.put("registries", registry == null ? "none configured" : registry.url());
        if (registry != null) {
            facts.put("lockFile", registry.lockFile().toString());
        }
        facts.put("executor", preparer.hasExecutor() ? preparer.preparedCount() + " modules compiled" : "absent");
        // Work of the background thread still under way: not a problem, the plugins run all the same.
        List<String> underWay = new ArrayList<>();
        if (!initialPass.isDone()) {
            underWay.add("installing the plugins of the local directories");
        }
        int left = compiling.get();
        if (left > 0) {
            underWay.add("compiling " + left + " installed plugins (each compiles at its first run otherwise)");
        }
        if (!underWay.isEmpty()) {
            facts.put("inBackground", String.join("; ", underWay));
        }
        report.rejected().forEach(r -> facts.put("rejected:" + r.source(), r.reason()));
        unusable.forEach((id, reason) -> facts.put("unusable:" + id, reason));
        facts.put("hotDeployed", Integer.toString(provided.size()));
        Map<String, String> hotRejected = new java.util.TreeMap<>(providedRejected);
        hotRejected.forEach((provider, reason) -> facts.put("rejected:" + provider, reason));
        RegistryOutage outage = registryOutage;
        if (outage != null) {
            facts.put("registryUnavailable", outage.reason());
            facts.put("registryUnavailableSince", outage.since().toString());
        }
        List<String> problems = new ArrayList<>();
        report.rejected().forEach(r -> problems.add(r.source() + " (" + r.reason() + ")"));
        hotRejected.forEach((provider, reason) -> problems.add(provider + " (" + reason + ")"));
        unusable.forEach((id, reason) -> problems.add(reason));
        if (outage != null || !problems.isEmpty()) {
            List<String> summary = new ArrayList<>();
            if (outage != null) {
                summary.add("plugin registry unavailable since " + outage.since() + " (" + outage.reason()
                        + "); running with the " + now[0] + " installed plugin versions");
            }
            if (!problems.isEmpty()) {
                summary.add(problems.size() + " plugins rejected or not runnable: " + String.join("; ", problems));
            }
            return new ComponentHealth(ComponentId.PLUGIN_MANAGER, HealthState.DEGRADED, String.join("; ", summary),
                    facts);
        }
        return new ComponentHealth(ComponentId.PLUGIN_MANAGER, HealthState.UP, now[0] + " plugin versions installed ("
                + now[1] + " plugins), " + report.installed() + " installed from local directories now;"
                + (settings.registry() == null ? " no registry configured" : " registry " + settings.registry().url())
                + (underWay.isEmpty() ? "" : "; in the background: " + String.join("; ", underWay)),
                facts);
    }
}
