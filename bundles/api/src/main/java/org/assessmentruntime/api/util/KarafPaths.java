package org.assessmentruntime.api.util;

import java.nio.file.Path;

/**
 * Where a component keeps its data by default: a directory under Karaf's data directory, found the same
 * way by every component.
 *
 * <p>The data directory is {@code ${karaf.data}} (the system property Karaf sets) when it is set and not
 * blank, else {@code ./data} (outside Karaf: unit tests, a plain OSGi framework); either is made absolute
 * against the working directory, so that a component may check or log it as it is.
 */
public final class KarafPaths {

    /** The system property Karaf sets to its data directory. */
    public static final String KARAF_DATA = "karaf.data";

    /** The data directory when {@value #KARAF_DATA} is not set, relative to the working directory. */
    public static final String DEFAULT_DATA = "data";

    private KarafPaths() {
    }

    /**
     * Karaf's data directory.
     *
     * @return {@code ${karaf.data}} when set, else {@code ./data}; absolute
     */
    public static Path data() {
        String data = System.getProperty(KARAF_DATA);
        return Path.of(data == null || data.isBlank() ? DEFAULT_DATA : data).toAbsolutePath();
    }

    /**
     * A component's directory in Karaf's data directory.
     *
     * @param child the directory's name (or relative path) in the data directory, e.g. {@code "scheduler"}
     * @return {@link #data()} resolved with {@code child}; absolute
     */
    public static Path dataDirectory(String child) {
        return data().resolve(child);
    }
}
