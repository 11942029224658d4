package org.assessmentruntime.pluginmanager.internal;

import java.io.File;
import java.nio.file.Path;

import org.apache.felix.fileinstall.ArtifactInstaller;
import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.pluginstore.PluginPackage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs plugins dropped into Karaf's {@code deploy/} folder, as a FileInstall {@link ArtifactInstaller}.
 *
 * <p>Convention: a plugin is a pair of files with the same base name, the module {@code <base>.wasm} and
 * its manifest {@code <base>.plugin.json} (e.g. {@code os-baseline.wasm} + {@code os-baseline.plugin.json}),
 * and, to be signed, its signature {@code <base>.sig} (the {@code plugin.sig} that
 * {@code assessment-cli plugin sign} writes, renamed). All three are handled here, so FileInstall never
 * mistakes them for bundles, and the plugin is installed whichever arrives last. The plugin is stored with
 * {@link InstalledPlugin.Source#DEPLOY_FOLDER}; changing a file installs the new version (or, for
 * the same version, replaces the module this pair installed); deleting the module or manifest removes it
 * from the store unless something else provides it. An unsigned pair is installed only if
 * {@code allowUnsigned} is true. The files are read as regular files only (no symbolic link, FIFO or
 * device) and up to a size ({@link PluginFiles}). A pair that is incomplete, invalid, badly signed or
 * unsigned is logged and listed in the manager's health; it never affects other plugins.
 *
 * <p>FileInstall is imported optionally (bnd.bnd): without it this component cannot be loaded, and the
 * rest of the bundle works as before.
 */
@Component(service = ArtifactInstaller.class)
public class DeployFolderInstaller implements ArtifactInstaller {

    static final String MODULE_SUFFIX = ".wasm";
    static final String MANIFEST_SUFFIX = ".plugin.json";
    static final String SIGNATURE_SUFFIX = ".sig";

    private static final Logger LOG = LoggerFactory.getLogger(DeployFolderInstaller.class);

    private final PluginManagerService manager;

    @Activate
    public DeployFolderInstaller(@Reference PluginManagerService manager) {
        this.manager = manager;
    }

    @Override
    public boolean canHandle(File artifact) {
        String name = artifact.getName();
        return name.endsWith(MODULE_SUFFIX) && name.length() > MODULE_SUFFIX.length()
                || name.endsWith(MANIFEST_SUFFIX) && name.length() > MANIFEST_SUFFIX.length()
                || name.endsWith(SIGNATURE_SUFFIX) && name.length() > SIGNATURE_SUFFIX.length();
    }

    @Override
    public void install(File artifact) {
        deploy(artifact);
    }

    @Override
    public void update(File artifact) {
        deploy(artifact);
    }

    @Override
    public void uninstall(File artifact) {
        if (artifact.getName().endsWith(SIGNATURE_SUFFIX)) {
            // The signature went: what is installed stays as it was verified; the pair is read again, and
            // refused now unless unsigned plugins are allowed.
            deploy(artifact);
            return;
        }
        Path module = module(artifact);
        String provider = provider(module);
        try {
            manager.withdrawProvided(provider)
                    .ifPresent(id -> LOG.info("{} deleted from the deploy folder: {} removed", artifact, id));
        } catch (AssessmentException | RuntimeException e) {
            LOG.error("{} was deleted, but its plugin could not be removed: {}", artifact, e.getMessage());
        }
    }

    /** Installs the pair the file belongs to, once both files are there. */
    private void deploy(File artifact) {
        Path module = module(artifact);
        Path manifest = manifest(module);
        Path signature = signature(module);
        String provider = provider(module);
        try {
            byte[] manifestBytes = PluginFiles.read(manifest, PluginFiles.MAX_MANIFEST_BYTES);
            byte[] moduleBytes = PluginFiles.read(module, PluginFiles.MAX_MODULE_BYTES);
            if (manifestBytes == null || moduleBytes == null) {
                Path missing = moduleBytes == null ? module : manifest;
                throw new AssessmentException("incomplete deployed plugin: " + missing.getFileName()
                        + " is missing beside " + artifact.getName() + " (a plugin is <name>" + MODULE_SUFFIX
                        + " with its manifest <name>" + MANIFEST_SUFFIX + " and its signature <name>"
                        + SIGNATURE_SUFFIX + ")");
            }
            PluginPackage pkg = PluginPackage.of(PluginPackage.readDescriptor(manifestBytes, manifest.toString()),
                    moduleBytes);
            byte[] signatureBytes = PluginFiles.read(signature, PluginFiles.MAX_MANIFEST_BYTES);
            InstalledPlugin plugin = manager.installProvided(provider, pkg, manifestBytes, signatureBytes,
                    signature.getFileName().toString(), InstalledPlugin.Source.DEPLOY_FOLDER);
            LOG.info("Deployed plugin {} from {} ({})", plugin.id(), module,
                    plugin.signature() == InstalledPlugin.SignatureStatus.VERIFIED
                            ? "signed by '" + plugin.signerKeyId() + "'" : "unsigned");
        } catch (AssessmentException | RuntimeException e) {
            manager.rejectProvided(provider, e.getMessage());
            LOG.error("Deployed plugin {} not installed: {}", module, e.getMessage());
        }
    }

    /** The module of the pair a file belongs to. */
    static Path module(File artifact) {
        Path path = artifact.toPath().toAbsolutePath();
        String name = path.getFileName().toString();
        if (name.endsWith(MANIFEST_SUFFIX)) {
            return path.resolveSibling(name.substring(0, name.length() - MANIFEST_SUFFIX.length()) + MODULE_SUFFIX);
        }
        if (name.endsWith(SIGNATURE_SUFFIX)) {
            return path.resolveSibling(name.substring(0, name.length() - SIGNATURE_SUFFIX.length()) + MODULE_SUFFIX);
        }
        return path;
    }

    static Path signature(Path module) {
        String name = module.getFileName().toString();
        return module.resolveSibling(name.substring(0, name.length() - MODULE_SUFFIX.length()) + SIGNATURE_SUFFIX);
    }

    static Path manifest(Path module) {
        String name = module.getFileName().toString();
        return module.resolveSibling(name.substring(0, name.length() - MODULE_SUFFIX.length()) + MANIFEST_SUFFIX);
    }

    static String provider(Path module) {
        return "deploy " + module;
    }
}
