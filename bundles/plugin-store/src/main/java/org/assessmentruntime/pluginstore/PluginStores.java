package org.assessmentruntime.pluginstore;

import java.nio.file.Path;
import java.util.Objects;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.PluginStore;
import org.assessmentruntime.pluginstore.internal.FilePluginStore;

/**
 * Opens plugin stores outside OSGi. Each call returns an independent handle; handles on the same
 * directory, in this process or in others (the runtime and the command line), can be used at the same
 * time: changes are serialised by a lock file and each handle sees the others' changes.
 */
public final class PluginStores {

    /** Versions kept below the highest of each plugin, for rollback, unless told otherwise. */
    public static final int DEFAULT_KEEP_PREVIOUS_VERSIONS = 1;

    private PluginStores() {
    }

    /**
     * Opens a store keeping {@value #DEFAULT_KEEP_PREVIOUS_VERSIONS} previous version of each plugin.
     *
     * @param directory the store's directory; created when missing
     * @return the store
     * @throws AssessmentException if the directory cannot be created, read or written
     * @see #open(Path, int)
     */
    public static PluginStore open(Path directory) throws AssessmentException {
        return open(directory, DEFAULT_KEEP_PREVIOUS_VERSIONS);
    }

    /**
     * Opens a store. Opening finishes what an interrupted write left behind: temporary files are
     * deleted, and an index that is missing or unreadable is rebuilt from the stored records.
     *
     * @param directory            the store's directory; created when missing
     * @param keepPreviousVersions how many versions below the highest of a plugin a {@code put} keeps
     *                             (older ones are removed), 0 or more
     * @return the store
     * @throws IllegalArgumentException if {@code keepPreviousVersions} is negative
     * @throws AssessmentException      if the directory cannot be created, read or written
     */
    public static PluginStore open(Path directory, int keepPreviousVersions) throws AssessmentException {
        Objects.requireNonNull(directory, "directory");
        return FilePluginStore.open(directory, keepPreviousVersions);
    }
}
