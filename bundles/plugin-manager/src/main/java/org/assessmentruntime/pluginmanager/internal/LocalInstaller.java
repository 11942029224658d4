package org.assessmentruntime.pluginmanager.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.PluginStore;
import org.assessmentruntime.api.PluginVerificationException;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.jobrunner.PluginPackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the plugins of the local directories into the store. Each plugin directory stands alone: an
 * invalid one is reported (directory and reason) and the others are installed all the same.
 */
final class LocalInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(LocalInstaller.class);

    private final PluginStore store;
    private final Preparer preparer;

    /**
     * What one pass did.
     *
     * @param directories the local directories scanned
     * @param installed   plugins installed by this pass
     * @param present     plugins that were installed already, with the same module
     * @param rejected    plugin directories (or configured directories) not installed, and why
     */
    record Report(List<Path> directories, int installed, int present, List<Rejection> rejected) {

        static final Report NONE = new Report(List.of(), 0, 0, List.of());

        Report {
            directories = List.copyOf(directories);
            rejected = List.copyOf(rejected);
        }
    }

    LocalInstaller(PluginStore store, Preparer preparer) {
        this.store = store;
        this.preparer = preparer;
    }

    Report installAll(Settings settings) {
        LocalPlugins.Scan scan = LocalPlugins.scan(settings.localDirectories());
        List<Rejection> rejected = new ArrayList<>(settings.problems());
        rejected.addAll(scan.rejected());
        int installed = 0;
        int present = 0;
        for (Path dir : scan.plugins()) {
            try {
                if (install(dir, settings.allowUnsignedLocal())) {
                    installed++;
                } else {
                    present++;
                }
            } catch (AssessmentException | RuntimeException e) {
                rejected.add(new Rejection(dir.toString(), e.getMessage()));
            }
        }
        for (Rejection rejection : rejected) {
            LOG.warn("Local plugin {} not installed: {}", rejection.source(), rejection.reason());
        }
        LOG.info("Local plugins from {}: {} installed, {} already installed, {} rejected",
                settings.localDirectories(), installed, present, rejected.size());
        return new Report(settings.localDirectories(), installed, present, rejected);
    }

    /** @return whether it was installed now (false: it was already) */
    private boolean install(Path dir, boolean allowUnsigned) throws AssessmentException {
        // Manifest (strictly), ABI version, grants, configuration schema and module header.
        PluginPackage pkg = PluginPackage.load(dir);
        if (!allowUnsigned) {
            throw new PluginVerificationException(pkg + " is not signed, and unsigned local plugins are not allowed"
                    + " (allowUnsignedLocal=false)");
        }
        Optional<InstalledPlugin> stored = store.find(pkg.id());
        if (stored.isPresent()) {
            if (!stored.get().digest().equals(pkg.digest())) {
                throw new AssessmentException(pkg.id() + " is installed with the module " + stored.get().digest()
                        + ", but this directory has " + pkg.digest() + ": a version never changes once"
                        + " installed; give this one a new version in its " + PluginPackage.MANIFEST);
            }
            repairIfDamaged(stored.get(), pkg);
            preparer.prepare(stored.get(), pkg.module());
            return false;
        }
        InstalledPlugin plugin = new InstalledPlugin(pkg.descriptor(), pkg.digest(), InstalledPlugin.Source.LOCAL,
                InstalledPlugin.SignatureStatus.UNSIGNED, null, Instant.now());
        // Compiled before it is stored, so that a module the engine refuses is never installed.
        preparer.prepare(plugin, pkg.module());
        store.put(plugin, pkg.module());
        LOG.info("Installed local plugin {} from {}", pkg, dir);
        return true;
    }

    /** The local directory holds the right bytes; storing them again replaces a damaged stored copy. */
    private void repairIfDamaged(InstalledPlugin stored, PluginPackage pkg) throws AssessmentException {
        try {
            store.module(stored.digest());
        } catch (PluginVerificationException e) {
            store.put(stored, pkg.module());
            LOG.warn("Restored the damaged stored module of {} from its local directory", stored.id());
        }
    }
}
