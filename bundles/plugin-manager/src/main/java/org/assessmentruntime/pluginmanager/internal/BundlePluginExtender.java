package org.assessmentruntime.pluginmanager.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.pluginstore.PluginPackage;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extender of plugin bundles: a bundle whose manifest carries
 * {@code Assessment-Plugin: <directory inside the bundle>} (e.g. {@code plugin/}, holding
 * {@value PluginPackage#MANIFEST} and {@value PluginPackage#MODULE}) provides that plugin while it is
 * ACTIVE; signed when the directory also holds {@code plugin.sig} (as {@code assessment-cli plugin sign}
 * writes it), otherwise installed only when unsigned plugins are allowed. When it starts, the entries
 * are read, validated ({@link PluginPackage}) and installed into the
 * store with {@link InstalledPlugin.Source#BUNDLE} (compiled on the executor first); when it stops, the
 * version is removed again unless something else provides it. An invalid plugin bundle is logged with its
 * id and the reason and listed in the manager's health; it never affects other bundles.
 */
@Component(service = {})
public class BundlePluginExtender implements BundleTrackerCustomizer<String> {

    /** The manifest header naming the plugin directory inside the bundle. */
    public static final String HEADER = "Assessment-Plugin";

    private static final Logger LOG = LoggerFactory.getLogger(BundlePluginExtender.class);

    private final PluginManagerService manager;
    private BundleTracker<String> tracker;

    /** For tests, and the DS constructor's delegate. */
    BundlePluginExtender(PluginManagerService manager) {
        this.manager = manager;
    }

    /** DS constructor: tracks the bundles of the framework. */
    @Activate
    public BundlePluginExtender(@Reference PluginManagerService manager, BundleContext context) {
        this(manager);
        tracker = new BundleTracker<>(context, Bundle.ACTIVE, this);
        tracker.open();
    }

    /** Withdraws every plugin the tracked bundles provide. */
    @Deactivate
    void deactivate() {
        if (tracker != null) {
            tracker.close();
        }
    }

    /** @return the provider key when the bundle carries the header (tracked), else null (ignored) */
    @Override
    public String addingBundle(Bundle bundle, BundleEvent event) {
        String header = bundle.getHeaders() == null ? null : bundle.getHeaders().get(HEADER);
        if (header == null) {
            return null;
        }
        String provider = provider(bundle);
        try {
            String dir = directory(header);
            byte[] manifest = entry(bundle, dir + PluginPackage.MANIFEST, provider);
            byte[] module = entry(bundle, dir + PluginPackage.MODULE, provider);
            PluginPackage pkg = PluginPackage.of(PluginPackage.readDescriptor(manifest,
                    provider + " " + dir + PluginPackage.MANIFEST), module);
            byte[] signature = bundle.getEntry(dir + LocalInstaller.SIGNATURE_FILE) == null ? null
                    : entry(bundle, dir + LocalInstaller.SIGNATURE_FILE, provider);
            InstalledPlugin plugin = manager.installProvided(provider, pkg, manifest, signature,
                    dir + LocalInstaller.SIGNATURE_FILE, InstalledPlugin.Source.BUNDLE);
            LOG.info("Plugin bundle {} provides {}", provider, plugin.id());
        } catch (AssessmentException | RuntimeException e) {
            manager.rejectProvided(provider, e.getMessage());
            LOG.error("Plugin bundle {} (bundle id {}) not installed: {}", provider, bundle.getBundleId(),
                    e.getMessage());
        }
        return provider;
    }

    @Override
    public void modifiedBundle(Bundle bundle, BundleEvent event, String provider) {
        // Only ACTIVE bundles are tracked: nothing changes while one stays ACTIVE.
    }

    @Override
    public void removedBundle(Bundle bundle, BundleEvent event, String provider) {
        try {
            manager.withdrawProvided(provider)
                    .ifPresent(id -> LOG.info("Plugin bundle {} stopped: {} removed", provider, id));
        } catch (AssessmentException | RuntimeException e) {
            LOG.error("Plugin bundle {} stopped, but its plugin could not be removed: {}", provider, e.getMessage());
        }
    }

    static String provider(Bundle bundle) {
        return "bundle " + bundle.getBundleId() + " (" + bundle.getSymbolicName() + " " + bundle.getVersion() + ")";
    }

    /** The header's directory as an entry prefix: no leading slash, a trailing one unless it is the root. */
    static String directory(String header) {
        String dir = header.strip();
        while (dir.startsWith("/")) {
            dir = dir.substring(1);
        }
        if (dir.isEmpty() || dir.equals(".")) {
            return "";
        }
        return dir.endsWith("/") ? dir : dir + "/";
    }

    private static byte[] entry(Bundle bundle, String path, String provider) throws AssessmentException {
        URL url = bundle.getEntry(path);
        if (url == null) {
            throw new AssessmentException(provider + " has no entry " + path + " (its " + HEADER
                    + " header names the directory holding " + PluginPackage.MANIFEST + " and " + PluginPackage.MODULE
                    + ")");
        }
        try (InputStream in = url.openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssessmentException(provider + ": cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
