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
import org.assessmentruntime.pluginstore.PluginPackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the plugins of the local directories into the store. Each plugin directory stands alone: an
 * invalid one is reported (directory and reason) and the others are installed all the same. A plugin
 * directory is signed when it holds {@value #SIGNATURE_FILE} (see {@link Admission}); an unsigned one
 * is installed only when unsigned plugins are allowed.
 */
final class LocalInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(LocalInstaller.class);

    /** The detached signature in a plugin directory, as assessment-cli plugin sign writes it. */
    static final String SIGNATURE_FILE = "plugin.sig";

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
        TrustedKeys keys;
        try {
            keys = settings.trustedKeys();
        } catch (AssessmentException e) {
            // Unsigned plugins may still be allowed; every signed one is refused with this reason.
            rejected.add(new Rejection(String.valueOf(settings.trustedKeysFile()), e.getMessage()));
            keys = TrustedKeys.NONE;
        }
        int installed = 0;
        int present = 0;
        for (Path dir : scan.plugins()) {
            try {
                if (install(dir, keys, settings.allowUnsigned())) {
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
    private boolean install(Path dir, TrustedKeys keys, boolean allowUnsigned) throws AssessmentException {
        byte[] manifest = required(dir.resolve(PluginPackage.MANIFEST), PluginFiles.MAX_MANIFEST_BYTES);
        byte[] module = required(dir.resolve(PluginPackage.MODULE), PluginFiles.MAX_MODULE_BYTES);
        // Manifest (strictly), ABI version, grants, configuration schema and module header.
        PluginPackage pkg = PluginPackage.of(PluginPackage.readDescriptor(manifest,
                dir.resolve(PluginPackage.MANIFEST).toString()), module);
        byte[] signature = PluginFiles.read(dir.resolve(SIGNATURE_FILE), PluginFiles.MAX_MANIFEST_BYTES);
        Admission admission = Admission.of(pkg + " in " + dir, pkg, manifest, signature, SIGNATURE_FILE, keys,
                allowUnsigned);
        Optional<InstalledPlugin> stored = store.find(pkg.id());
        if (stored.isPresent()) {
            if (!stored.get().digest().equals(pkg.digest())) {
                throw new AssessmentException(pkg.id() + " is installed with the module " + stored.get().digest()
                        + ", but this directory has " + pkg.digest() + ": a version never changes once"
                        + " installed; give this one a new version in its " + PluginPackage.MANIFEST);
            }
            repairIfDamaged(stored.get(), pkg);
            preparer.prepare(stored.get(), pkg.module());
            if (stored.get().signature() == InstalledPlugin.SignatureStatus.UNSIGNED
                    && admission.signature() == InstalledPlugin.SignatureStatus.VERIFIED) {
                // Installed unsigned before (e.g. by a release that shipped its examples unsigned): recorded
                // as signed now, so that signed-only resolution still finds it.
                store.remove(pkg.id());
                store.put(plugin(pkg, admission), pkg.module());
                LOG.info("Local plugin {} from {} is now recorded as signed by '{}'", pkg, dir, admission.keyId());
            }
            return false;
        }
        InstalledPlugin plugin = plugin(pkg, admission);
        // Compiled before it is stored, so that a module the engine refuses is never installed.
        preparer.prepare(plugin, pkg.module());
        store.put(plugin, pkg.module());
        LOG.info("Installed local plugin {} from {} ({})", pkg, dir, admission.keyId() == null ? "unsigned"
                : "signed by '" + admission.keyId() + "'");
        return true;
    }

    private static InstalledPlugin plugin(PluginPackage pkg, Admission admission) {
        return new InstalledPlugin(pkg.descriptor(), pkg.digest(), InstalledPlugin.Source.LOCAL, admission.signature(),
                admission.keyId(), Instant.now());
    }

    private static byte[] required(Path file, long max) throws AssessmentException {
        byte[] bytes = PluginFiles.read(file, max);
        if (bytes == null) {
            throw new AssessmentException("not a plugin directory: " + file + " does not exist");
        }
        return bytes;
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
