package org.assessmentruntime.jobrunner;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.PluginVerificationException;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.PluginDescriptor;
import org.assessmentruntime.pluginstore.InvalidPluginException;
import org.assessmentruntime.pluginstore.PluginPackage;

/**
 * Plugins ready to run, by their module's digest: the module's bytes, their digest and the compiled
 * configuration schema, made once per module instead of at every run. Making a {@link PluginPackage}
 * reads the module, copies and hashes it and compiles the manifest's JSON Schema (checking it against
 * the draft's meta-schema first), which costs more than a run of a small plugin.
 *
 * <p>A cached plugin is returned only for the manifest it was made from; another manifest over the same
 * module replaces it. At most {@link #capacity()} plugins are kept, the least recently used dropped
 * first. Thread-safe; each instance has its own plugins (nothing is shared between instances).
 *
 * @since 0.2
 */
public final class PluginPackageCache {

    /** The capacity of {@link #PluginPackageCache()}: the executor's default of compiled modules. */
    public static final int DEFAULT_CAPACITY = 128;

    /** Reads a module's bytes; called only when the plugin is not cached. */
    @FunctionalInterface
    public interface ModuleSource {

        /**
         * @return the module's bytes
         * @throws AssessmentException if they cannot be read
         */
        byte[] read() throws AssessmentException;
    }

    private final int capacity;
    // Guarded by this; in access order, so that the eldest entry is the least recently used.
    private final Map<Digest, PluginPackage> plugins;

    /** A cache of at most {@value #DEFAULT_CAPACITY} plugins. */
    public PluginPackageCache() {
        this(DEFAULT_CAPACITY);
    }

    /**
     * @param capacity how many plugins are kept at most
     * @throws IllegalArgumentException if below 1
     */
    public PluginPackageCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.plugins = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Digest, PluginPackage> eldest) {
                return size() > PluginPackageCache.this.capacity;
            }
        };
    }

    /**
     * The plugin of a manifest and the module with a digest: the cached one, or one made from the bytes
     * {@code module} reads (as {@link PluginPackage#of}) and cached.
     *
     * @param descriptor the manifest
     * @param digest     the module's digest
     * @param module     reads the module's bytes, if needed
     * @return the plugin
     * @throws PluginVerificationException if the bytes read do not have that digest (nothing is cached)
     * @throws InvalidPluginException      as {@link PluginPackage#of} (nothing is cached)
     * @throws AssessmentException         as {@code module}
     */
    public PluginPackage get(PluginDescriptor descriptor, Digest digest, ModuleSource module)
            throws AssessmentException {
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(module, "module");
        synchronized (this) {
            PluginPackage cached = plugins.get(digest);
            if (cached != null && cached.descriptor().equals(descriptor)) {
                return cached;
            }
        }
        // Outside the lock: reading and compiling take long, and other plugins' runs must not wait. Two
        // first runs of one plugin may both make it; the result is the same.
        PluginPackage made = PluginPackage.of(descriptor, module.read());
        if (!made.digest().equals(digest)) {
            throw new PluginVerificationException(descriptor.id() + ": the module's digest is " + made.digest()
                    + ", not " + digest);
        }
        synchronized (this) {
            plugins.put(digest, made);
        }
        return made;
    }

    /** How many plugins are kept at most. */
    public int capacity() {
        return capacity;
    }

    /** How many plugins are cached now. */
    public synchronized int size() {
        return plugins.size();
    }
}
