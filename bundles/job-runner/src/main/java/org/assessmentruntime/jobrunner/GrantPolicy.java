package org.assessmentruntime.jobrunner;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The operator's policy on what a plugin may be granted (Plugin ABI v1, section 6): deny by default.
 * A plugin's manifest only <em>asks</em>; what it gets is what this policy allows of it.
 *
 * <ul>
 * <li>A <b>host directory</b> may be granted only if it is one of the allowed directories or lies within
 * one, and it neither contains nor lies within a protected path. Always protected, whatever the
 * allow-list says: the file-system root, {@code /proc} and {@code /sys}, and what the runtime adds with
 * {@link #protect} (Karaf's {@code etc} and {@code data} directories, the control plane's secret, key
 * and certificate files). Paths are compared component by component after resolving every symbolic link
 * of the existing part of the path, so a link that points into a protected directory is refused, and
 * what is opened is the resolved path that was checked.</li>
 * <li>An <b>environment variable</b> may be granted only if its name matches an allowed name or prefix
 * pattern ({@code NAME} or {@code PREFIX*}), and never if it matches {@link #PROTECTED_ENV} (the
 * runtime's own credentials and settings).</li>
 * </ul>
 *
 * <p>The allow-list is the operator's, and local: it must never come from the control plane or a
 * plugin registry. Immutable and thread-safe.
 */
public final class GrantPolicy {

    /** Environment variables never granted: the runtime's credentials, the Go agent's, Karaf's and the JVM's. */
    public static final List<String> PROTECTED_ENV = List.of("ASSESSMENT_*", "CCF_*", "KARAF_*", "JAVA_*");

    /** Host directories never granted, nor anything that contains them (the kernel's views of every process). */
    public static final List<String> PROTECTED_DIRECTORIES = List.of("/proc", "/sys");

    /**
     * Variables naming the control plane's secret, key and certificate files (see the authentication
     * bundle's settings); {@link #protectControlPlaneFiles} protects the files they name.
     */
    public static final List<String> CONTROL_PLANE_FILE_VARIABLES = List.of("ASSESSMENT_CLIENT_SECRET_FILE",
            "ASSESSMENT_CLIENT_CERT", "ASSESSMENT_CLIENT_KEY", "ASSESSMENT_CA_BUNDLE");

    private static final Pattern ENV_PATTERN = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)?\\*?");

    private final List<String> allowedDirectories;
    private final List<String> allowedEnv;
    private final List<Protected> protectedPaths;

    private GrantPolicy(List<String> allowedDirectories, List<String> allowedEnv, List<Protected> protectedPaths) {
        this.allowedDirectories = List.copyOf(allowedDirectories);
        this.allowedEnv = List.copyOf(allowedEnv);
        this.protectedPaths = List.copyOf(protectedPaths);
    }

    /** @return a policy that grants nothing: every directory and every variable a manifest asks for is refused */
    public static GrantPolicy denyAll() {
        return allowing(List.of(), List.of());
    }

    /**
     * A policy that allows these directories (and what lies within them) and these variables, minus
     * what is always protected.
     *
     * @param directories absolute host directories; blank entries are ignored
     * @param env         variable names, or prefix patterns such as {@code LC_*} ({@code *} alone allows
     *                    every variable that is not protected); blank entries are ignored
     * @return the policy
     * @throws IllegalArgumentException naming the first entry that is not an absolute path or a name
     */
    public static GrantPolicy allowing(Collection<String> directories, Collection<String> env) {
        List<String> dirs = new ArrayList<>();
        for (String entry : directories) {
            String dir = entry == null ? "" : entry.strip();
            if (!dir.isEmpty()) {
                dirs.add(absolute(dir, "allowedDirectories").toString());
            }
        }
        List<String> names = new ArrayList<>();
        for (String entry : env) {
            String name = entry == null ? "" : entry.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (!ENV_PATTERN.matcher(name).matches()) {
                throw new IllegalArgumentException("allowedEnv: '" + name + "' is neither a variable name nor a "
                        + "prefix pattern such as LC_* (letters, digits, '_', not starting with a digit; '*' only "
                        + "at the end)");
            }
            names.add(name);
        }
        List<Protected> always = new ArrayList<>();
        for (String dir : PROTECTED_DIRECTORIES) {
            always.add(new Protected(Path.of(dir), "the kernel's file system"));
        }
        return new GrantPolicy(dirs, names, always);
    }

    /**
     * @param directories more absolute host directories to allow, e.g. those an operator names for one
     *                    run on the command line; blank entries are ignored
     * @return this policy, allowing those too (what is protected stays protected)
     * @throws IllegalArgumentException naming the first entry that is not an absolute path
     */
    public GrantPolicy alsoAllowing(Collection<String> directories) {
        List<String> more = new ArrayList<>(allowedDirectories);
        more.addAll(allowing(directories, List.of()).allowedDirectories);
        return new GrantPolicy(more, allowedEnv, protectedPaths);
    }

    /**
     * @param path a host file or directory no grant may contain or lie within; blank is ignored
     * @param what what it is, for the refusal, e.g. {@code Karaf's etc directory}
     * @return this policy, protecting that path too (as given and with its links resolved)
     * @throws IllegalArgumentException if the path is not a valid path
     */
    public GrantPolicy protect(String path, String what) {
        if (path == null || path.isBlank()) {
            return this;
        }
        Objects.requireNonNull(what, "what");
        Path given = absolute(path.strip(), what);
        List<Protected> more = new ArrayList<>(protectedPaths);
        more.add(new Protected(given, what));
        Path real = RealPaths.resolve(given);
        if (!real.equals(given)) {
            more.add(new Protected(real, what));
        }
        return new GrantPolicy(allowedDirectories, allowedEnv, more);
    }

    /**
     * Protects Karaf's own directories: {@code karaf.etc}, {@code karaf.data}, and the {@code etc}
     * directories of {@code karaf.base} and {@code karaf.home} (configuration, keys, the result store).
     *
     * @param properties reads a system property ({@code System::getProperty}); {@code null} when unset
     * @return this policy, protecting those that are set
     */
    public GrantPolicy protectKarafDirectories(Function<String, String> properties) {
        GrantPolicy policy = this.protect(properties.apply("karaf.etc"), "Karaf's etc directory (karaf.etc)")
                .protect(properties.apply("karaf.data"), "Karaf's data directory (karaf.data)");
        for (String base : List.of("karaf.base", "karaf.home")) {
            String dir = properties.apply(base);
            if (dir != null && !dir.isBlank()) {
                policy = policy.protect(Path.of(dir.strip()).resolve("etc").toString(),
                        "Karaf's etc directory (" + base + "/etc)");
            }
        }
        return policy;
    }

    /**
     * Protects the files the {@link #CONTROL_PLANE_FILE_VARIABLES} name (client secret, key, certificate,
     * CA bundle) when they are set.
     *
     * @param env reads an environment variable ({@code System::getenv}); {@code null} when unset
     * @return this policy, protecting those files
     */
    public GrantPolicy protectControlPlaneFiles(Function<String, String> env) {
        GrantPolicy policy = this;
        for (String variable : CONTROL_PLANE_FILE_VARIABLES) {
            policy = policy.protect(env.apply(variable), "a control-plane credential file (" + variable + ")");
        }
        return policy;
    }

    /** @return the allowed host directories, as configured (absolute, normalised) */
    public List<String> allowedDirectories() {
        return allowedDirectories;
    }

    /** @return the allowed variable names and prefix patterns */
    public List<String> allowedEnv() {
        return allowedEnv;
    }

    /**
     * Decides on a directory grant.
     *
     * @param hostPath the host directory to open, as the manifest (or the caller) names it
     * @return the decision: the resolved path to open, or why not
     */
    public Decision directory(String hostPath) {
        Path given;
        try {
            given = Path.of(hostPath);
        } catch (InvalidPathException e) {
            return Decision.refused("directory " + hostPath + ": not a valid path (" + e.getReason() + ")");
        }
        if (!given.isAbsolute()) {
            return Decision.refused("directory " + hostPath + ": not an absolute path");
        }
        Path normal = given.normalize();
        Path real = RealPaths.resolve(normal);
        String name = "directory " + hostPath + (real.toString().equals(hostPath) ? "" : " (really " + real + ")");
        if (real.getParent() == null) {
            return Decision.refused(name + ": is the file-system root, which contains every protected path");
        }
        for (Protected p : protectedPaths) {
            // The path as given too: a protected path that is itself reached through a link counts either way.
            for (Path candidate : real.equals(normal) ? List.of(real) : List.of(real, normal)) {
                if (candidate.startsWith(p.path())) {
                    return Decision.refused(name + ": " + (candidate.equals(p.path()) ? "is " : "lies within ")
                            + p.what() + " " + p.path() + ", which is never granted");
                }
                if (p.path().startsWith(candidate)) {
                    return Decision.refused(name + ": contains " + p.what() + " " + p.path()
                            + ", which is never granted");
                }
            }
        }
        for (String allowed : allowedDirectories) {
            Path dir = Path.of(allowed);
            if (real.startsWith(dir) || real.startsWith(RealPaths.resolve(dir))) {
                return Decision.allowed(real);
            }
        }
        return Decision.refused(name + ": not within the operator's allowedDirectories (" + (allowedDirectories
                .isEmpty() ? "none" : String.join(", ", allowedDirectories)) + ")");
    }

    /**
     * Decides on an environment variable grant.
     *
     * @param name the variable's name
     * @return the decision ({@link Decision#hostPath()} is {@code null})
     */
    public Decision env(String name) {
        for (String pattern : PROTECTED_ENV) {
            // Case-insensitive: on some hosts (Windows) the environment is, and the value would be the same.
            if (matches(pattern.toUpperCase(Locale.ROOT), name.toUpperCase(Locale.ROOT))) {
                return Decision.refused("env " + name + ": matches " + pattern + ", which is never granted (the "
                        + "runtime's own credentials and settings)");
            }
        }
        for (String pattern : allowedEnv) {
            if (matches(pattern, name)) {
                return Decision.allowed(null);
            }
        }
        return Decision.refused("env " + name + ": not in the operator's allowedEnv (" + (allowedEnv.isEmpty()
                ? "none" : String.join(", ", allowedEnv)) + ")");
    }

    private static boolean matches(String pattern, String name) {
        return pattern.endsWith("*") ? name.startsWith(pattern.substring(0, pattern.length() - 1))
                : name.equals(pattern);
    }

    private static Path absolute(String path, String what) {
        Path p;
        try {
            p = Path.of(path);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(what + ": '" + path + "' is not a valid path (" + e.getReason() + ")");
        }
        if (!p.isAbsolute()) {
            throw new IllegalArgumentException(what + ": '" + path + "' is not an absolute path");
        }
        return p.normalize();
    }

    @Override
    public String toString() {
        return "GrantPolicy[allowedDirectories=" + allowedDirectories + ", allowedEnv=" + allowedEnv + ", protected="
                + protectedPaths.stream().map(p -> p.path().toString()).toList() + "]";
    }

    /**
     * What the policy says of one grant.
     *
     * @param hostPath for an allowed directory, the path to open: the grant's with every link resolved, so
     *                 that what is opened is what was checked; {@code null} otherwise
     * @param refusal  why it is refused, naming the grant and the rule; empty when it is allowed
     */
    public record Decision(Path hostPath, String refusal) {

        /** Validates. */
        public Decision {
            Objects.requireNonNull(refusal, "refusal");
        }

        static Decision allowed(Path hostPath) {
            return new Decision(hostPath, "");
        }

        static Decision refused(String why) {
            return new Decision(null, why);
        }

        /** @return whether the grant is allowed */
        public boolean allowed() {
            return refusal.isEmpty();
        }
    }

    /** A path no grant may contain or lie within, and what it is. */
    private record Protected(Path path, String what) {
    }

    /** Resolving the links of a path that may not exist (yet) in full. */
    static final class RealPaths {

        private RealPaths() {
        }

        /**
         * @param path an absolute, normalised path
         * @return its longest existing prefix with every link resolved, followed by the rest as given
         */
        static Path resolve(Path path) {
            Path existing = path;
            List<Path> rest = new ArrayList<>();
            while (existing != null) {
                try {
                    Path real = existing.toRealPath();
                    for (int i = rest.size() - 1; i >= 0; i--) {
                        real = real.resolve(rest.get(i));
                    }
                    return real.normalize();
                } catch (IOException | SecurityException e) {
                    // Missing (or unreadable): what exists above it decides where it would be.
                    Path name = existing.getFileName();
                    if (name != null) {
                        rest.add(name);
                    }
                    existing = existing.getParent();
                }
            }
            return path;
        }
    }
}
