package org.assessmentruntime.pluginmanager.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.felix.fileinstall.ArtifactInstaller;
import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.jobrunner.PluginPackage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs plugins dropped into Karaf's {@code deploy/} folder, as a FileInstall {@link ArtifactInstaller}.
 *
 * <p>Convention: a plugin is a pair of files with the same base name, the module {@code <base>.wasm} and
 * its manifest {@code <base>.plugin.json} (e.g. {@code os-baseline.wasm} + {@code os-baseline.plugin.json}).
 * Both files are handled here, so FileInstall never mistakes the manifest for a bundle, and the pair is
 * installed whichever of the two arrives last. The plugin is stored with
 * {@link InstalledPlugin.Source#DEPLOY_FOLDER}; changing either file installs the new version (or, for
 * the same version, replaces the module this pair installed); deleting either file removes it from the
 * store unless something else provides it. Deployed plugins are unsigned: they are installed only if
 * {@code allowUnsignedLocal} is true. A pair that is incomplete or invalid is logged and listed in the
 * manager's health; it never affects other plugins.
 *
 * <p>FileInstall is imported optionally (bnd.bnd): without it this component cannot be loaded, and the
 * rest of the bundle works as before.
 */
@Component(service = ArtifactInstaller.class)
public class DeployFolderInstaller implements ArtifactInstaller {

    static final String MODULE_SUFFIX = ".wasm";
    static final String MANIFEST_SUFFIX = ".plugin.json";

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
                || name.endsWith(MANIFEST_SUFFIX) && name.length() > MANIFEST_SUFFIX.length();
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
        String provider = provider(module);
        try {
            if (!Files.isRegularFile(module) || !Files.isRegularFile(manifest)) {
                Path missing = Files.isRegularFile(module) ? manifest : module;
                throw new AssessmentException("incomplete deployed plugin: " + missing.getFileName()
                        + " is missing beside " + artifact.getName() + " (a plugin is <name>" + MODULE_SUFFIX
                        + " with its manifest <name>" + MANIFEST_SUFFIX + ")");
            }
            PluginPackage pkg = PluginPackage.of(PluginPackage.readDescriptor(read(manifest), manifest.toString()),
                    read(module));
            InstalledPlugin plugin = manager.installProvided(provider, pkg, InstalledPlugin.Source.DEPLOY_FOLDER);
            LOG.info("Deployed plugin {} from {}", plugin.id(), module);
        } catch (AssessmentException | RuntimeException e) {
            manager.rejectProvided(provider, e.getMessage());
            LOG.error("Deployed plugin {} not installed: {}", module, e.getMessage());
        }
    }

    private static byte[] read(Path file) throws AssessmentException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AssessmentException("cannot read " + file + ": " + e, e);
        }
    }

    /** The module of the pair a file belongs to. */
    static Path module(File artifact) {
        Path path = artifact.toPath().toAbsolutePath();
        String name = path.getFileName().toString();
        return name.endsWith(MANIFEST_SUFFIX)
                ? path.resolveSibling(name.substring(0, name.length() - MANIFEST_SUFFIX.length()) + MODULE_SUFFIX)
                : path;
    }

    static Path manifest(Path module) {
        String name = module.getFileName().toString();
        return module.resolveSibling(name.substring(0, name.length() - MODULE_SUFFIX.length()) + MANIFEST_SUFFIX);
    }

    static String provider(Path module) {
        return "deploy " + module;
    }
}
