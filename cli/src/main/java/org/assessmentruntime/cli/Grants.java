package org.assessmentruntime.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.assessmentruntime.api.model.DirectoryGrant;
import org.assessmentruntime.jobrunner.GrantPolicy;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code HOST[::GUEST]} directory arguments. */
final class Grants {

    static final String SEPARATOR = "::";

    private Grants() {
    }

    /**
     * Parses {@code HOST[::GUEST]}: HOST is made absolute and must be an existing directory; GUEST must be
     * absolute and defaults to HOST made absolute.
     *
     * @param spec          the command, for usage errors
     * @param option        the option's name, for messages
     * @param value         the argument
     * @param guestRequired whether {@code ::GUEST} must be given
     * @param writable      whether the module may change the directory
     * @return the grant
     * @throws ParameterException naming the option and the problem
     */
    static DirectoryGrant parse(CommandSpec spec, String option, String value, boolean guestRequired,
            boolean writable) {
        int at = value.indexOf(SEPARATOR);
        String host = at < 0 ? value : value.substring(0, at);
        String guest = at < 0 ? null : value.substring(at + SEPARATOR.length());
        if (host.isEmpty()) {
            throw usage(spec, option + ": '" + value + "' names no host directory");
        }
        if (guestRequired && (guest == null || guest.isEmpty())) {
            throw usage(spec, option + ": '" + value + "' must be HOST" + SEPARATOR + "GUEST, e.g. ./fixtures/pass"
                    + SEPARATOR + "/etc/ssh");
        }
        Path hostPath = Path.of(host).toAbsolutePath().normalize();
        if (!Files.isDirectory(hostPath)) {
            throw usage(spec, option + ": " + host + (Files.exists(hostPath) ? " is not a directory"
                    : " does not exist"));
        }
        if (guest != null && !guest.startsWith("/")) {
            throw usage(spec, option + ": the guest path '" + guest + "' must be absolute, e.g. /data");
        }
        try {
            return new DirectoryGrant(hostPath.toString(), guest == null ? hostPath.toString() : guest, writable);
        } catch (IllegalArgumentException e) {
            throw usage(spec, option + ": " + e.getMessage());
        }
    }

    /** Rejects two directories at the same guest path. */
    static void checkUnique(CommandSpec spec, List<DirectoryGrant> grants) {
        Set<String> guests = new HashSet<>();
        for (DirectoryGrant grant : grants) {
            if (!guests.add(grant.guestPath())) {
                throw usage(spec, "two directories for the guest path " + grant.guestPath());
            }
        }
    }

    /**
     * The policy of a {@code plugin run}: deny by default, as the runtime's; allows the given directories
     * and variables, and never the always-protected ones (see {@link GrantPolicy}).
     *
     * @param spec      the command, for usage errors
     * @param granted   host directories the user named with {@code --grant}
     * @param allowDirs {@code --allow-dir} values, made absolute
     * @param allowEnv  {@code --allow-env} values
     * @return the policy
     * @throws ParameterException naming a value that is not a directory path or a variable name
     */
    static GrantPolicy policy(CommandSpec spec, List<String> granted, List<String> allowDirs, List<String> allowEnv) {
        List<String> dirs = new ArrayList<>(granted);
        for (String dir : allowDirs) {
            if (dir.isBlank()) {
                throw usage(spec, "--allow-dir: names no directory");
            }
            dirs.add(Path.of(dir).toAbsolutePath().normalize().toString());
        }
        for (String name : allowEnv) {
            if (name.isBlank()) {
                throw usage(spec, "--allow-env: names no variable");
            }
        }
        try {
            return GrantPolicy.allowing(dirs, allowEnv).protectKarafDirectories(System::getProperty)
                    .protectControlPlaneFiles(System::getenv);
        } catch (IllegalArgumentException e) {
            throw usage(spec, e.getMessage().replace("allowedEnv", "--allow-env").replace("allowedDirectories",
                    "--allow-dir"));
        }
    }

    static ParameterException usage(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
