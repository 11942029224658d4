package org.assessmentruntime.pluginmanager.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.PluginStore;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.api.model.PluginId;
import org.assessmentruntime.pluginstore.PluginPackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hot-deployed plugins as a source: those provided by bundles ({@link BundlePluginExtender}) and deploy
 * folder files ({@link DeployFolderInstaller}). A provider provides one version at a time; a version stays
 * installed while something provides it. Refused providers are kept, with the reason, for the health.
 * Every method runs under the manager's lock on changes.
 */
final class ProvidedPlugins {

    private static final Logger LOG = LoggerFactory.getLogger(ProvidedPlugins.class);

    private final PluginStore store;
    private final Preparer preparer;
    private final InstalledVersions installed;
    private final Object changes;
    /** Provider (a bundle, a deploy-folder file) → the version it provides. */
    private final Map<String, PluginId> provided = new ConcurrentHashMap<>();
    /** Providers whose plugin was refused, with the reason. */
    private final Map<String, String> rejected = new ConcurrentHashMap<>();

    ProvidedPlugins(PluginStore store, Preparer preparer, InstalledVersions installed, Object changes) {
        this.store = store;
        this.preparer = preparer;
        this.installed = installed;
        this.changes = changes;
    }

    /** See {@link PluginManagerService#installProvided}. */
    InstalledPlugin install(String provider, PluginPackage pkg, byte[] manifest, byte[] signature,
            String signatureName, InstalledPlugin.Source source, Settings settings) throws AssessmentException {
        synchronized (changes) {
            try {
                Admission admission = Admission.of(pkg + " from " + provider, pkg, manifest, signature,
                        signatureName, settings.trustedKeys(), settings.allowUnsigned());
                InstalledPlugin plugin = store(provider, pkg, source, admission);
                PluginId before = provided.put(provider, plugin.id());
                rejected.remove(provider);
                if (before != null && !before.equals(plugin.id())) {
                    dropIfUnprovided(before);
                }
                return plugin;
            } catch (AssessmentException | RuntimeException e) {
                rejected.put(provider, e.getMessage());
                throw e;
            } finally {
                installed.refreshCounts();
            }
        }
    }

    private InstalledPlugin store(String provider, PluginPackage pkg, InstalledPlugin.Source source,
            Admission admission) throws AssessmentException {
        Optional<InstalledPlugin> stored = store.find(pkg.id());
        if (stored.isPresent() && stored.get().digest().equals(pkg.digest())
                && (stored.get().signature() == InstalledPlugin.SignatureStatus.VERIFIED
                        || admission.signature() == InstalledPlugin.SignatureStatus.UNSIGNED)) {
            preparer.prepare(stored.get(), pkg.module());
            return stored.get();
        }
        if (stored.isPresent() && !stored.get().digest().equals(pkg.digest()) && !ownVersion(provider, pkg, stored.get())) {
            throw new AssessmentException(pkg.id() + " is installed with the module " + stored.get().digest()
                    + ", but " + provider + " has " + pkg.digest() + ": a version never changes once installed;"
                    + " give this one a new version in its " + PluginPackage.MANIFEST);
        }
        InstalledPlugin plugin = new InstalledPlugin(pkg.descriptor(), pkg.digest(), source,
                admission.signature(), admission.keyId(), Instant.now());
        // Compiled before it is stored, so that a module the engine refuses is never installed.
        preparer.prepare(plugin, pkg.module());
        if (stored.isPresent()) {
            store.remove(stored.get().id());
            installed.evictUnused(List.of(stored.get()));
        }
        InstalledPlugin result = store.put(plugin, pkg.module());
        LOG.info("Installed plugin {} from {}", pkg, provider);
        return result;
    }

    /**
     * Its own hot-deployed version may be replaced by its provider (e.g. a rebuilt deploy file); any other
     * is immutable.
     */
    private boolean ownVersion(String provider, PluginPackage pkg, InstalledPlugin stored) {
        return pkg.id().equals(provided.get(provider)) && isHotDeployed(stored)
                && provided.entrySet().stream().noneMatch(e -> !e.getKey().equals(provider)
                        && e.getValue().equals(pkg.id()));
    }

    /** Records that a provider's plugin was refused before it reached the manager (e.g. unreadable). */
    void reject(String provider, String reason) {
        rejected.put(provider, reason);
    }

    /** See {@link PluginManagerService#withdrawProvided}. */
    Optional<PluginId> withdraw(String provider) throws AssessmentException {
        synchronized (changes) {
            rejected.remove(provider);
            PluginId id = provided.remove(provider);
            if (id == null) {
                return Optional.empty();
            }
            return dropIfUnprovided(id) ? Optional.of(id) : Optional.empty();
        }
    }

    /** How many providers provide a version now. */
    int count() {
        return provided.size();
    }

    /** Refused providers with the reason, sorted by provider. */
    Map<String, String> rejected() {
        return new TreeMap<>(rejected);
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
        installed.evictUnused(List.of(stored.get()));
        LOG.info("Removed hot-deployed plugin {}: nothing provides it any more", id);
        return true;
    }

    private static boolean isHotDeployed(InstalledPlugin plugin) {
        return plugin.source() == InstalledPlugin.Source.BUNDLE
                || plugin.source() == InstalledPlugin.Source.DEPLOY_FOLDER;
    }
}
