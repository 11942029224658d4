package org.assessmentruntime.pluginmanager.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.PluginStore;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles every installed module when an executor arrives, on the background thread: SCR binds the
 * executor during the activation (and the boot) it would otherwise hold up. Modules the engine refuses
 * are recorded as unusable, with the reason, for the health.
 */
final class InstalledCompiler {

    private static final Logger LOG = LoggerFactory.getLogger(InstalledCompiler.class);

    private final PluginStore store;
    private final Preparer preparer;
    private final InstalledVersions installed;
    private final Background background;
    /** Installed modules the current pass has still to compile. */
    private final AtomicInteger left = new AtomicInteger();

    InstalledCompiler(PluginStore store, Preparer preparer, InstalledVersions installed, Background background) {
        this.store = store;
        this.preparer = preparer;
        this.installed = installed;
        this.background = background;
    }

    /** Queues a pass over the installed modules for the executor just bound. */
    void executorArrived() {
        // Reported from now on, not only once the background thread gets to it.
        left.set(store.list().size());
        background.run("compiling the installed plugins", this::compileInstalled);
    }

    /** Modules the current pass has still to compile; 0 when none is under way. */
    int left() {
        return left.get();
    }

    private void compileInstalled() {
        List<InstalledPlugin> all = store.list();
        installed.clearUnusable();
        left.set(all.size());
        try {
            for (InstalledPlugin plugin : all) {
                if (background.stopped() || !preparer.hasExecutor()) {
                    // Gone: the next executor's pass compiles them.
                    return;
                }
                compile(plugin);
            }
        } finally {
            left.set(0);
        }
    }

    private void compile(InstalledPlugin plugin) {
        try {
            preparer.prepare(plugin, store.module(plugin.digest()));
        } catch (AssessmentException | RuntimeException e) {
            // Not for a version removed meanwhile, nor for the interruption of a shutdown.
            if (!background.stopped() && store.find(plugin.id()).filter(p -> p.digest().equals(plugin.digest()))
                    .isPresent()) {
                installed.markUnusable(plugin.id(), e.getMessage());
                LOG.error("Installed plugin {} cannot run: {}", plugin.id(), e.getMessage());
            }
        } finally {
            left.decrementAndGet();
        }
    }
}
