package org.assessmentruntime.pluginmanager.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.NotFoundException;
import org.assessmentruntime.api.WasmExecutor;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles installed modules on the executor ahead of their first run, once per digest and executor:
 * an invalid module is then refused when it is installed, and the first run is not slowed by compiling.
 * Without an executor (it is optional) nothing is compiled until one arrives.
 */
final class Preparer {

    private static final Logger LOG = LoggerFactory.getLogger(Preparer.class);

    private volatile WasmExecutor executor;
    private final Set<Digest> prepared = ConcurrentHashMap.newKeySet();

    /** Uses a new executor; it has compiled nothing of ours yet. */
    synchronized void bind(WasmExecutor newExecutor) {
        executor = newExecutor;
        prepared.clear();
    }

    synchronized void unbind(WasmExecutor oldExecutor) {
        if (executor == oldExecutor) {
            executor = null;
            prepared.clear();
        }
    }

    boolean hasExecutor() {
        return executor != null;
    }

    int preparedCount() {
        return prepared.size();
    }

    /**
     * Compiles a module unless it was already, with the engine its manifest prefers. An engine that is
     * not installed is not the plugin's fault: it is logged, and the module compiles at its first run.
     *
     * @throws AssessmentException if the executor refuses the module (it cannot compile it)
     */
    void prepare(InstalledPlugin plugin, byte[] module) throws AssessmentException {
        WasmExecutor current = executor;
        if (current == null || prepared.contains(plugin.digest())) {
            return;
        }
        // Marked prepared only once compiled: the background pass over the installed plugins and an
        // installation may prepare the same module at once, and each must see the executor's verdict (the
        // executor shares one compilation between concurrent callers), not return early on a compilation
        // still running, or failing.
        try {
            current.prepare(plugin.digest(), module, plugin.descriptor().engine());
        } catch (NotFoundException e) {
            LOG.info("Plugin {} is not compiled ahead of its first run: {}", plugin.id(), e.getMessage());
            return;
        } catch (AssessmentException | RuntimeException e) {
            throw new AssessmentException(plugin.id() + " (" + plugin.digest() + ") cannot be compiled: "
                    + e.getMessage(), e);
        }
        synchronized (this) {
            // Not for an executor replaced meanwhile: the new one has not compiled it.
            if (executor == current) {
                prepared.add(plugin.digest());
            }
        }
    }

    /** Drops a module no installed version uses any more from the executor. */
    void evict(Digest digest) {
        WasmExecutor current = executor;
        prepared.remove(digest);
        if (current != null) {
            current.evict(digest);
        }
    }
}
