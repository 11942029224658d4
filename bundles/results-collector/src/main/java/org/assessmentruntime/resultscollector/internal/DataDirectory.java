package org.assessmentruntime.resultscollector.internal;

import java.nio.file.Path;

/** Resolves the configured store directory. */
final class DataDirectory {

    /** Placeholder for the Karaf data directory (system property {@code karaf.data}). */
    static final String KARAF_DATA = "${karaf.data}";
    /** The default directory. */
    static final String DEFAULT = KARAF_DATA + "/results";

    private DataDirectory() {
    }

    /**
     * The absolute directory a configured value names.
     *
     * @param configured the configured value; blank means {@link #DEFAULT}
     * @param karafData  the value of {@code karaf.data}; null when not set (outside Karaf)
     * @return the directory
     * @throws IllegalArgumentException if it cannot be resolved to an absolute path
     */
    static Path resolve(String configured, String karafData) {
        String value = configured == null || configured.isBlank() ? DEFAULT : configured.strip();
        if (value.contains(KARAF_DATA)) {
            if (karafData == null || karafData.isBlank()) {
                throw new IllegalArgumentException("dataDirectory " + value + " refers to " + KARAF_DATA
                        + ", which is not set; configure an absolute path");
            }
            value = value.replace(KARAF_DATA, karafData);
        }
        Path path = Path.of(value);
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("dataDirectory " + value + " must be an absolute path or start with "
                    + KARAF_DATA);
        }
        return path.normalize();
    }
}
