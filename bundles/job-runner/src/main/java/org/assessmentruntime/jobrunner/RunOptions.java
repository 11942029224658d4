package org.assessmentruntime.jobrunner;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How one run departs from the plugin's manifest, for the caller that knows better: the job runner (the
 * activity's title) and the command line (another engine, fixture directories in place of the host's).
 *
 * @param engine          engine to run on instead of the manifest's preference; empty to keep it (and
 *                        then the executor's default when the manifest has none)
 * @param hostDirectories host directory to open at a guest path, replacing the host side of the
 *                        manifest's grant for that guest path; every key must be a guest path the manifest
 *                        grants (a run never gets more directories than the manifest asks for)
 * @param title           the result's title when the plugin gives none (the activity's title); empty for
 *                        {@code name@version} of the plugin
 */
public record RunOptions(String engine, Map<String, String> hostDirectories, String title) {

    /** The manifest as it is. */
    public static final RunOptions DEFAULT = new RunOptions("", Map.of(), "");

    /** Validates and copies. */
    public RunOptions {
        engine = engine == null ? "" : engine.strip();
        Map<String, String> copy = new LinkedHashMap<>();
        (hostDirectories == null ? Map.<String, String>of() : hostDirectories).forEach((guest, host) -> {
            Objects.requireNonNull(guest, "guest path");
            Objects.requireNonNull(host, "host path of " + guest);
            copy.put(guest, host);
        });
        hostDirectories = Collections.unmodifiableMap(copy);
        title = title == null ? "" : title.strip();
    }

    /**
     * @param name the engine to use, e.g. {@code wasmtime}; empty for the manifest's preference
     * @return these options with that engine
     */
    public RunOptions withEngine(String name) {
        return new RunOptions(name, hostDirectories, title);
    }

    /**
     * @param guestPath a guest path the manifest grants, e.g. {@code /etc/ssh}
     * @param hostPath  the host directory to open there instead of the manifest's
     * @return these options with that directory
     */
    public RunOptions withHostDirectory(String guestPath, String hostPath) {
        Map<String, String> copy = new LinkedHashMap<>(hostDirectories);
        copy.put(guestPath, hostPath);
        return new RunOptions(engine, copy, title);
    }

    /**
     * @param text the result's title when the plugin gives none
     * @return these options with that title
     */
    public RunOptions withTitle(String text) {
        return new RunOptions(engine, hostDirectories, text);
    }
}
