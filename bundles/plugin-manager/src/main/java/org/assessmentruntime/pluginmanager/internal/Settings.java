package org.assessmentruntime.pluginmanager.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The configuration, expanded.
 *
 * @param localDirectories directories to install local plugins from
 * @param allowUnsigned    whether plugins without a trusted signature are installed and run
 * @param problems         configured directories (or registry settings) that could not be used
 * @param registry         the plugin registry, or null when none is configured
 * @param trustedKeysFile  the trusted keys (for every source of plugins), or null for none
 */
record Settings(List<Path> localDirectories, boolean allowUnsigned, List<Rejection> problems,
        RegistryInstaller.Config registry, Path trustedKeysFile) {

    static final int MAX_REQUEST_TIMEOUT_SECONDS = 3600;

    Settings {
        localDirectories = List.copyOf(localDirectories);
        problems = List.copyOf(problems);
    }

    /** The registry's trusted keys (if any) for the other sources too. */
    Settings(List<Path> localDirectories, boolean allowUnsigned, List<Rejection> problems,
            RegistryInstaller.Config registry) {
        this(localDirectories, allowUnsigned, problems, registry, registry == null ? null : registry.trustedKeysFile());
    }

    /** Without a registry nor trusted keys. */
    Settings(List<Path> localDirectories, boolean allowUnsigned, List<Rejection> problems) {
        this(localDirectories, allowUnsigned, problems, null, null);
    }

    /** The trusted keys: none when no file is configured. */
    TrustedKeys trustedKeys() throws org.assessmentruntime.api.AssessmentException {
        return TrustedKeys.load(trustedKeysFile);
    }

    static Settings from(ManagerConfig config) {
        List<Path> directories = new ArrayList<>();
        List<Rejection> problems = new ArrayList<>();
        List<String> entries = new ArrayList<>();
        // A .cfg file gives one comma-separated string; metatype and JSON configurations give an array.
        for (String value : config.localDirectories() == null ? new String[0] : config.localDirectories()) {
            entries.addAll(value == null ? List.of() : List.of(value.split(",")));
        }
        for (String entry : entries) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                directories.add(Path.of(Placeholders.expand(entry.strip())));
            } catch (IllegalArgumentException e) {
                // InvalidPathException is one too.
                problems.add(new Rejection(entry, "cannot use this local plugin directory: " + e.getMessage()));
            }
        }
        // The former key keeps its meaning; either one set to true allows unsigned plugins.
        String former = config.allowUnsignedLocal() == null ? "" : config.allowUnsignedLocal().strip();
        boolean allowUnsigned = config.allowUnsigned() || former.equalsIgnoreCase("true");
        Path keys = trustedKeys(config, problems);
        return new Settings(directories, allowUnsigned, problems, registry(config, keys, problems), keys);
    }

    private static Path trustedKeys(ManagerConfig config, List<Rejection> problems) {
        String keys = config.trustedKeysFile() == null ? "" : config.trustedKeysFile().strip();
        if (keys.isEmpty()) {
            return null;
        }
        try {
            return Path.of(Placeholders.expand(keys));
        } catch (IllegalArgumentException e) {
            problems.add(new Rejection(keys, "cannot use this trusted keys file: " + e.getMessage()
                    + "; no key is trusted"));
            return null;
        }
    }

    /** Files are only looked at when a registry is configured. */
    private static RegistryInstaller.Config registry(ManagerConfig config, Path keys, List<Rejection> problems) {
        String url = config.registryUrl() == null ? "" : config.registryUrl().strip();
        String oci = config.ociRegistry() == null ? "" : config.ociRegistry().strip();
        if (!oci.isEmpty()) {
            if (!url.isEmpty()) {
                problems.add(new Rejection(oci, "ociRegistry and registryUrl are both set: ociRegistry ignored;"
                        + " configure one plugin registry"));
            } else if (!oci.startsWith(OciClient.SCHEME)) {
                problems.add(new Rejection(oci, "cannot use this OCI registry: it must be oci://HOST[:PORT][/PREFIX]"));
                return null;
            } else {
                url = oci;
            }
        }
        if (url.isEmpty()) {
            return null;
        }
        int timeout = config.registryRequestTimeoutSeconds();
        if (timeout < 1 || timeout > MAX_REQUEST_TIMEOUT_SECONDS) {
            problems.add(new Rejection("registryRequestTimeoutSeconds", timeout + " is outside 1.."
                    + MAX_REQUEST_TIMEOUT_SECONDS + "; using " + RegistryClient.REQUEST_TIMEOUT.toSeconds()));
            timeout = (int) RegistryClient.REQUEST_TIMEOUT.toSeconds();
        }
        try {
            String lock = config.lockFile() == null || config.lockFile().isBlank() ? "${karaf.etc}/plugins.lock.json"
                    : config.lockFile().strip();
            return new RegistryInstaller.Config(Placeholders.expand(url), keys, Path.of(Placeholders.expand(lock)),
                    Duration.ofSeconds(timeout));
        } catch (IllegalArgumentException e) {
            problems.add(new Rejection(url, "cannot use this plugin registry: " + e.getMessage()));
            return null;
        }
    }
}
