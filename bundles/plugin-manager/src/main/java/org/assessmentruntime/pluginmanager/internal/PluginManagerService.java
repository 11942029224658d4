package org.assessmentruntime.pluginmanager.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.ComponentId;
import org.assessmentruntime.api.HealthIndicator;
import org.assessmentruntime.api.NotFoundException;
import org.assessmentruntime.api.PluginManager;
import org.assessmentruntime.api.PluginStore;
import org.assessmentruntime.api.WasmExecutor;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.api.model.PluginId;
import org.assessmentruntime.api.model.PluginRef;
import org.assessmentruntime.pluginstore.PluginPackage;
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
 * The runtime's {@link PluginManager}: the DS component that puts its parts together, each with one job.
 * <ul>
 * <li>sources: the configured local directories ({@link LocalInstaller}, at start and on every
 * configuration change), the plugin registry ({@link RegistrySource}: install, upgrade, the lock file,
 * degraded while unreachable) and hot deployment ({@link ProvidedPlugins}: bundles through
 * {@link BundlePluginExtender}, the deploy folder through {@link DeployFolderInstaller});</li>
 * <li>resolution of references to installed versions ({@link Resolution});</li>
 * <li>trust: admission of a signature at installation ({@link Admission}) and verification against the
 * policy in force now ({@link Trust});</li>
 * <li>what is installed, its removal and rollback ({@link InstalledVersions}), compiling installed modules
 * for a new executor ({@link InstalledCompiler}), and the health ({@link ManagerHealth}).</li>
 * </ul>
 *
 * <p>Installing the local directories' plugins at start and compiling every installed module when an
 * executor arrives take seconds with many plugins; both run on a {@link Background} thread, so that the
 * activation (and the boot it is part of) does not wait for them. Nothing is lost meanwhile: the public
 * methods wait for the first pass over the local directories before they read or change what is
 * installed, and a plugin run before its module was compiled is compiled by the executor on demand.
 */
@Component(configurationPid = "org.assessmentruntime.pluginmanager",
        // Also under its own class, private to this bundle: the hot-deploy components (bundle extender,
        // deploy folder) install through it.
        service = { PluginManager.class, HealthIndicator.class, PluginManagerService.class },
        property = ComponentId.SERVICE_PROPERTY + "=plugin-manager")
@Designate(ocd = ManagerConfig.class)
public class PluginManagerService implements PluginManager, HealthIndicator {

    private static final Logger LOG = LoggerFactory.getLogger(PluginManagerService.class);

    private final PluginStore store;
    private final Preparer preparer = new Preparer();
    /** Changes to installed plugins are serialised (the API's promise); reads need no lock. */
    private final Object changes = new Object();
    private final LocalInstaller localInstaller;
    private final InstalledVersions installed;
    private final Background background;
    private final InstalledCompiler compiler;
    private final RegistrySource registry;
    private final ProvidedPlugins provided;
    private volatile Settings settings;
    private volatile LocalInstaller.Report local = LocalInstaller.Report.NONE;

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
        this.installed = new InstalledVersions(store, preparer);
        this.background = new Background(Objects.requireNonNull(background, "background"));
        this.compiler = new InstalledCompiler(store, preparer, installed, this.background);
        this.registry = new RegistrySource(store, preparer, installed, changes);
        this.provided = new ProvidedPlugins(store, preparer, installed, changes);
        this.settings = settings;
        this.background.startInitialPass(() -> apply(settings));
    }

    /** Stops the background passes; what they had still to compile compiles at its first run. */
    @Deactivate
    void deactivate() {
        background.stop();
    }

    /** Whether the first pass over the local directories is over (for tests). */
    boolean initialPassDone() {
        return background.initialPassDone();
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
            installed.refreshCounts();
        }
    }

    /**
     * Compiles every installed module on the new executor, in the background. Installations go on
     * meanwhile; they compile their own module with whichever executor is bound then.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindExecutor(WasmExecutor executor) {
        preparer.bind(executor);
        compiler.executorArrived();
    }

    void unbindExecutor(WasmExecutor executor) {
        preparer.unbind(executor);
    }

    /** See {@link Background#awaitInitialPass}: a job started at boot must find the local plugins. */
    private void awaitInitialPass() {
        background.awaitInitialPass(() -> LOG.warn("The plugins of the local directories {} are still being"
                + " installed after {} s; going on with the {} installed plugin versions",
                settings.localDirectories(), Background.INITIAL_PASS_WAIT_SECONDS, store.list().size()));
    }

    @Override
    public InstalledPlugin install(PluginRef ref) throws AssessmentException {
        awaitInitialPass();
        return registry.install(ref, settings);
    }

    @Override
    public Optional<InstalledPlugin> upgrade(String name) throws AssessmentException {
        awaitInitialPass();
        return registry.upgrade(name, settings);
    }

    /** Upgrades every plugin installed from the registry; those from elsewhere are left alone. */
    @Override
    public List<InstalledPlugin> upgradeAll() throws AssessmentException {
        awaitInitialPass();
        return registry.upgradeAll(settings);
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
        return provided.install(provider, pkg, manifest, signature, signatureName, source, settings);
    }

    /** Records that a provider's plugin was refused before it reached the manager (e.g. unreadable). */
    void rejectProvided(String provider, String reason) {
        provided.reject(provider, reason);
    }

    /**
     * A provider is gone (bundle stopped, file deleted): the version it provided is removed from the
     * store unless something else provides it (another provider, or it was installed otherwise).
     *
     * @return the version removed, if one was
     */
    Optional<PluginId> withdrawProvided(String provider) throws AssessmentException {
        awaitInitialPass();
        return provided.withdraw(provider);
    }

    @Override
    public List<InstalledPlugin> remove(PluginRef ref) throws AssessmentException {
        awaitInitialPass();
        synchronized (changes) {
            return installed.remove(ref);
        }
    }

    @Override
    public InstalledPlugin rollback(String name) throws AssessmentException {
        awaitInitialPass();
        synchronized (changes) {
            return installed.rollback(name);
        }
    }

    @Override
    public InstalledPlugin verify(PluginId id) throws AssessmentException {
        awaitInitialPass();
        InstalledPlugin plugin = store.find(id).orElseThrow(() -> new NotFoundException(id + " is not installed"));
        // The store re-hashes the module on every read.
        Trust.verify(plugin, store.module(plugin.digest()), settings);
        return plugin;
    }

    @Override
    public List<InstalledPlugin> installed() {
        awaitInitialPass();
        return store.list();
    }

    /** See {@link Resolution}. */
    @Override
    public Optional<InstalledPlugin> resolve(PluginRef ref) {
        VersionConstraint constraint = VersionConstraint.parse(ref.version());
        awaitInitialPass();
        return Resolution.resolve(installed.versions(ref.name()), ref, constraint, settings.allowUnsigned());
    }

    @Override
    public ComponentHealth health() {
        List<String> underWay = new ArrayList<>();
        if (!background.initialPassDone()) {
            underWay.add("installing the plugins of the local directories");
        }
        int left = compiler.left();
        if (left > 0) {
            underWay.add("compiling " + left + " installed plugins (each compiles at its first run otherwise)");
        }
        return new ManagerHealth(local, installed.counts(), settings, preparer, underWay, installed.unusable(),
                provided.count(), provided.rejected(), registry.outage()).toHealth();
    }
}
