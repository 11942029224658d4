package org.assessmentruntime.itests.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * How {@link KarafDistribution} unpacks, configures, boots and waits for one Karaf.
 *
 * <p>Defaults come from system properties that failsafe sets (see the module's pom), so a test only
 * states what is special about it, usually the readiness probe:
 * <ul>
 *   <li>{@value #DISTRIBUTION_PROPERTY}: the tar.gz (required)</li>
 *   <li>{@value #WORK_DIR_PROPERTY}: where runs are unpacked, default {@code target/karaf-runs}</li>
 *   <li>{@value #BOOT_TIMEOUT_PROPERTY}: boot bound in seconds, default 120</li>
 * </ul>
 */
public final class KarafOptions {

    /** System property: path of the distribution tar.gz. */
    public static final String DISTRIBUTION_PROPERTY = "assessment.distribution";
    /** System property: directory under which each run gets its own fresh directory. */
    public static final String WORK_DIR_PROPERTY = "assessment.itest.workDir";
    /** System property: seconds from process start until SSH and the readiness probe must work. */
    public static final String BOOT_TIMEOUT_PROPERTY = "assessment.itest.bootTimeoutSeconds";

    /**
     * Default readiness command. Karaf's features service registers the {@code BootFinished} service
     * once it has installed and started the boot features, so unlike the mere first answer of
     * {@code bundle:list} it means "the distribution's features are in", not "the shell is up".
     */
    public static final String BOOT_FINISHED_COMMAND = "service:list org.apache.karaf.features.BootFinished";

    private String name = "karaf";
    private Path distribution;
    private Path workDir;
    private Duration bootTimeout;
    private Duration stopTimeout = Duration.ofSeconds(60);
    private Duration commandTimeout = Duration.ofSeconds(60);
    private Duration pollInterval = Duration.ofMillis(500);
    private String readinessCommand = BOOT_FINISHED_COMMAND;
    private Predicate<String> readinessCheck = out -> out.contains("org.apache.karaf.features.BootFinished");
    private String sshUser = "itest";
    private boolean offline = true;
    private final Map<String, Map<String, String>> config = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Function<Path, Launch> launcher;

    /**
     * A launch other than the harness' own {@code bin/karaf server}, e.g. the one a service manager's
     * unit describes.
     *
     * @param command          the command line
     * @param workingDirectory the directory it starts in
     * @param environment      its whole environment: nothing is inherited from the test JVM and the
     *                         harness adds nothing (not even {@code JAVA_HOME})
     */
    public record Launch(List<String> command, Path workingDirectory, Map<String, String> environment) {

        /** Copies the command and the environment. */
        public Launch {
            command = List.copyOf(command);
            environment = Map.copyOf(environment);
        }
    }

    private KarafOptions() {
    }

    /** Options with the defaults from the system properties; {@code name} labels the run directory. */
    public static KarafOptions fromSystemProperties(String name) {
        KarafOptions o = new KarafOptions();
        o.name = name;
        String dist = System.getProperty(DISTRIBUTION_PROPERTY);
        o.distribution = dist == null || dist.isBlank() ? null : Path.of(dist);
        o.workDir = Path.of(System.getProperty(WORK_DIR_PROPERTY, "target/karaf-runs"));
        o.bootTimeout = Duration.ofSeconds(Long.getLong(BOOT_TIMEOUT_PROPERTY, 120L));
        return o;
    }

    /** The tar.gz to unpack. */
    public KarafOptions distribution(Path archive) {
        this.distribution = archive;
        return this;
    }

    /** The directory under which the run directory is created. */
    public KarafOptions workDir(Path dir) {
        this.workDir = dir;
        return this;
    }

    /** Bound on process start until SSH login and the readiness probe succeed. */
    public KarafOptions bootTimeout(Duration timeout) {
        this.bootTimeout = timeout;
        return this;
    }

    /** Bound on the process exiting after {@code bin/stop}, before harsher means. */
    public KarafOptions stopTimeout(Duration timeout) {
        this.stopTimeout = timeout;
        return this;
    }

    /** Default bound on one shell command. */
    public KarafOptions commandTimeout(Duration timeout) {
        this.commandTimeout = timeout;
        return this;
    }

    /** Pause between readiness polls. */
    public KarafOptions pollInterval(Duration interval) {
        this.pollInterval = interval;
        return this;
    }

    /**
     * Boot counts as finished once {@code command} exits with status 0 and {@code check} accepts its
     * output (ANSI escapes removed).
     */
    public KarafOptions readiness(String command, Predicate<String> check) {
        this.readinessCommand = Objects.requireNonNull(command);
        this.readinessCheck = Objects.requireNonNull(check);
        return this;
    }

    /** The user the harness authorises its key for. */
    public KarafOptions sshUser(String user) {
        this.sshUser = user;
        return this;
    }

    /**
     * Whether to cut Karaf off from remote Maven repositories and from {@code ~/.m2} (default true),
     * so a feature that is not inside the distribution's {@code system/} fails the test instead of
     * being fetched (no network here, and none in production either).
     */
    public KarafOptions offline(boolean offline) {
        this.offline = offline;
        return this;
    }

    /** Sets a key in {@code etc/<pid>.cfg} before boot (applied after the harness' own settings). */
    public KarafOptions config(String pid, String key, String value) {
        config.computeIfAbsent(pid, p -> new LinkedHashMap<>()).put(key, value);
        return this;
    }

    /** Sets an environment variable of {@code bin/karaf}, e.g. {@code KARAF_OPTS} or {@code JAVA_MAX_MEM}. */
    public KarafOptions environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /**
     * Launches what {@code launcher} returns for the unpacked and configured top folder instead of
     * {@code bin/karaf server} with the test JVM's environment (see {@link Launch}). Called on every
     * launch, after the harness' configuration; {@link #environment(String, String)} does not apply.
     */
    public KarafOptions launcher(Function<Path, Launch> launcher) {
        this.launcher = Objects.requireNonNull(launcher);
        return this;
    }

    String name() {
        return name;
    }

    Path distribution() {
        if (distribution == null) {
            throw new IllegalStateException("no distribution: set -D" + DISTRIBUTION_PROPERTY
                    + "=<path to the tar.gz> (failsafe does this; see itests/pom.xml)");
        }
        return distribution;
    }

    Path workDir() {
        return workDir;
    }

    Duration bootTimeout() {
        return bootTimeout;
    }

    Duration stopTimeout() {
        return stopTimeout;
    }

    Duration commandTimeout() {
        return commandTimeout;
    }

    Duration pollInterval() {
        return pollInterval;
    }

    String readinessCommand() {
        return readinessCommand;
    }

    Predicate<String> readinessCheck() {
        return readinessCheck;
    }

    String sshUser() {
        return sshUser;
    }

    boolean offline() {
        return offline;
    }

    Map<String, Map<String, String>> config() {
        return config;
    }

    Map<String, String> environment() {
        return environment;
    }

    /** The custom launch, {@code null} for {@code bin/karaf server}. */
    Function<Path, Launch> launcher() {
        return launcher;
    }
}
