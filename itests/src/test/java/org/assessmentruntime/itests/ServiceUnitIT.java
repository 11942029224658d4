package org.assessmentruntime.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.assessmentruntime.itests.harness.CommandResult;
import org.assessmentruntime.itests.harness.KarafDistribution;
import org.assessmentruntime.itests.harness.KarafExtension;
import org.assessmentruntime.itests.harness.KarafOptions;
import org.assessmentruntime.itests.harness.StopResult;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The systemd unit the distribution ships ({@code bin/contrib/assessment-runtime.service}) is valid and
 * runs the runtime: {@code systemd-analyze verify} accepts it, and the runtime boots and stops the way
 * systemd would run it, from the unit's own lines.
 *
 * <p>systemd is not PID 1 in CI, so the service cannot be started with {@code systemctl}. Instead the test
 * plays systemd's part from the parsed unit: ExecStart's command line, a clean environment (systemd's
 * PATH, the user's HOME/USER/LOGNAME/SHELL, then the EnvironmentFile's variables), WorkingDirectory; and
 * on stop each ExecStop with {@code MAINPID} set, then SIGTERM to whatever is left (KillMode=control-group,
 * the default), bounded by TimeoutStopSec. The shipped file is used as is, except the install path
 * (replaced by the unpacked distribution), User=/Group= (the current user) and the EnvironmentFile's
 * path (a copy of the shipped example with JAVA_HOME and JAVA_MAX_MEM uncommented).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceUnitIT {

    static final String UNIT = "assessment-runtime.service";
    static final String INSTALL_DIR = "/opt/assessment-runtime";
    static final String ENV_FILE = "/etc/default/assessment-runtime";
    static final Path SYSTEMD_ANALYZE = Path.of("/usr/bin/systemd-analyze");
    /** A heap other than the example's, so the JVM's -Xmx proves that the environment file took effect. */
    static final String TEST_MAX_MEM = "512M";
    static final String TEST_MAX_HEAP = "-Xmx" + TEST_MAX_MEM;
    /** systemd's default PATH for services (systemd.exec(5), "Environment variables in spawned processes"). */
    static final String SYSTEMD_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /** The unit as the test runs it; set by the launcher, which the harness calls after unpacking. */
    private static volatile Unit unit;
    private static volatile Path unitCopy;
    /** The environment systemd gives the unit's processes (ExecStop adds MAINPID). */
    private static volatile Map<String, String> serviceEnvironment;

    @RegisterExtension
    static final KarafExtension KARAF = new KarafExtension(o -> o
            // Ready = what an operator checks after 'systemctl start': every component up.
            .readiness("assessment:status --json", out -> StatusOutput.notUp(out).isEmpty())
            .launcher(ServiceUnitIT::launchAsSystemdWould));

    private static KarafOptions.Launch launchAsSystemdWould(Path home) {
        try {
            Path dir = Files.createDirectories(home.getParent().resolve("systemd"));
            Path env = dir.resolve("assessment-runtime.env");
            Files.writeString(env, testEnvironmentFile(Files.readString(home.resolve("bin/contrib/assessment-runtime.env"))));
            String shipped = Files.readString(home.resolve("bin/contrib/" + UNIT));
            String user = System.getProperty("user.name");
            String adapted = shipped.replace(INSTALL_DIR, home.toAbsolutePath().toString())
                    .replace(ENV_FILE, env.toString())
                    .replaceAll("(?m)^User=.*$", "User=" + user)
                    .replaceAll("(?m)^Group=.*$", "Group=" + primaryGroup());
            unitCopy = dir.resolve(UNIT);
            Files.writeString(unitCopy, adapted);
            unit = Unit.parse(adapted);

            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("PATH", SYSTEMD_PATH);
            environment.put("HOME", System.getProperty("user.home"));
            environment.put("USER", user);
            environment.put("LOGNAME", user);
            environment.put("SHELL", "/bin/sh");
            environment.putAll(unit.environment());
            serviceEnvironment = Map.copyOf(environment);
            List<String> command = unit.command(unit.single("ExecStart"), environment);
            return new KarafOptions.Launch(command, Path.of(unit.single("WorkingDirectory")), environment);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shipped example with JAVA_HOME (the test's Java) and JAVA_MAX_MEM (another heap) uncommented. */
    static String testEnvironmentFile(String example) {
        String s = example.replaceFirst("(?m)^#JAVA_HOME=.*$",
                Matcher.quoteReplacement("JAVA_HOME=" + System.getProperty("java.home")));
        Matcher heap = Pattern.compile("(?m)^#JAVA_MAX_MEM=.*$").matcher(s);
        assertThat(heap.find()).as("the example environment file offers JAVA_MAX_MEM").isTrue();
        s = heap.replaceFirst("JAVA_MAX_MEM=" + TEST_MAX_MEM);
        assertThat(s).as("the example environment file offers JAVA_HOME and JAVA_MAX_MEM")
                .contains("\nJAVA_HOME=").containsPattern("(?m)^JAVA_MAX_MEM=" + TEST_MAX_MEM + "$");
        return s;
    }

    @Test
    @Order(1)
    void systemdAnalyzeVerifyAcceptsTheUnit(KarafDistribution karaf) throws Exception {
        // verify loads the unit into a test-mode manager: it needs no running systemd (it parses every
        // line and checks that the ExecStart/ExecStop binaries exist and are executable).
        assumeTrue(Files.isExecutable(SYSTEMD_ANALYZE), SYSTEMD_ANALYZE + " is not installed");
        Path out = unitCopy.resolveSibling("verify.log");
        Process p = new ProcessBuilder(SYSTEMD_ANALYZE.toString(), "verify", unitCopy.toString())
                .directory(unitCopy.getParent().toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("systemd-analyze verify finished").isTrue();
        String output = Files.readString(out);
        System.out.println("[karaf-itest] ServiceUnitIT: systemd-analyze verify exit " + p.exitValue()
                + (output.isBlank() ? ", no output" : ":\n" + output));
        assertThat(p.exitValue()).as("exit status of systemd-analyze verify; output:\n%s", output).isZero();
        // verify only warns (exit 0) about unknown keys and values it cannot parse; those name the unit.
        assertThat(output.lines().filter(l -> l.contains(UNIT) || l.contains(unitCopy.toString())))
                .as("warnings about the unit").isEmpty();
    }

    @Test
    @Order(2)
    void bootsFromTheUnitsCommandLineAndEnvironment(KarafDistribution karaf) throws Exception {
        assertThat(unit.single("Type")).isEqualTo("simple");
        assertThat(karaf.processHandle().info().commandLine().orElse(""))
                .as("the launcher runs ExecStart").contains(karaf.home().resolve("bin/karaf") + " server");
        assertThat(unit.single("WorkingDirectory")).as("WorkingDirectory: the install directory")
                .isEqualTo(karaf.home().toAbsolutePath().toString());
        // bin/karaf server keeps the JVM as its child (no fork into the background): systemd's main
        // process is the script, the JVM is in the same cgroup.
        // /proc, not ProcessHandle.Info: the JDK does not report the arguments of a command line this long.
        List<ProcessHandle> jvms = karaf.processHandle().descendants()
                .filter(h -> cmdline(h).contains("org.apache.karaf.main.Main")).toList();
        assertThat(jvms).as("Karaf's JVM under the launcher").hasSize(1);
        assertThat(cmdline(jvms.get(0))).as("JVM arguments: the heap from the EnvironmentFile, through bin/setenv")
                .contains(TEST_MAX_HEAP, "-XX:MaxMetaspaceSize=256m");
        assertThat(Files.readSymbolicLink(Path.of("/proc", String.valueOf(jvms.get(0).pid()), "exe")))
                .as("the JVM is the EnvironmentFile's JAVA_HOME")
                .startsWith(Path.of(System.getProperty("java.home")).toRealPath());
        System.out.printf("[karaf-itest] ServiceUnitIT: every component up %.1f s after ExecStart%n",
                karaf.bootDuration().toMillis() / 1000.0);
    }

    @Test
    @Order(3)
    void everyComponentIsUp(KarafDistribution karaf) {
        CommandResult r = karaf.run("assessment:status --json");
        assertThat(r.succeeded()).as("%s", r).isTrue();
        assertThat(StatusOutput.notUp(r.output())).as("components not up in:%n%s", r.output()).isEmpty();
    }

    @Test
    @Order(4)
    void execStopStopsItWithinTimeoutStopSec(KarafDistribution karaf) {
        Duration timeoutStop = Duration.ofSeconds(Long.parseLong(unit.single("TimeoutStopSec")));
        Set<Integer> success = unit.successExitStatus();
        List<String> execStop = unit.all("ExecStop");
        assertThat(execStop).as("ExecStop lines").isNotEmpty();
        List<String> ran = new ArrayList<>();

        StopResult stop = karaf.stop("ExecStop x" + execStop.size() + " then SIGTERM to what is left",
                main -> {
                    List<ProcessHandle> group = new ArrayList<>();
                    group.add(main);
                    main.descendants().forEach(group::add);
                    Map<String, String> env = new LinkedHashMap<>(serviceEnvironment);
                    env.put("MAINPID", String.valueOf(main.pid()));
                    for (String line : execStop) {
                        ran.add(line + " -> exit " + runBounded(unit.command(line, env), env, karaf.home(), timeoutStop));
                    }
                    // KillMode=control-group (the default): systemd sends SIGTERM to every process left.
                    group.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroy);
                });
        System.out.println("[karaf-itest] ServiceUnitIT: " + stop + "; " + ran);

        assertThat(ran).as("every ExecStop exits 0").allMatch(r -> r.endsWith("-> exit 0"));
        assertThat(karaf.isAlive()).isFalse();
        assertThat(stop.duration()).as("stop time, bound TimeoutStopSec").isLessThan(timeoutStop);
        assertThat(stop.exitCode()).as("main process exit status; SuccessExitStatus=%s", success).isIn(success);
        assertThat(karaf.karafLog().errors()).as("ERROR entries in %s", karaf.karafLog().file()).isEmpty();
    }

    private static int runBounded(List<String> command, Map<String, String> env, Path dir, Duration bound) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolveSibling("systemd/execstop.log").toFile()));
            pb.environment().clear();
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                // What systemd does with an ExecStop that outlives TimeoutStopSec.
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The process' argv from /proc (Linux, as systemd). */
    private static List<String> cmdline(ProcessHandle h) {
        try {
            String raw = Files.readString(Path.of("/proc", String.valueOf(h.pid()), "cmdline"), StandardCharsets.UTF_8);
            return List.of(raw.split("\0"));
        } catch (IOException e) {
            return List.of();   // the process is gone
        }
    }

    private static String primaryGroup() throws IOException {
        try {
            Process p = new ProcessBuilder("id", "-gn").redirectErrorStream(true).start();
            String group = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            return group;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The [Service] settings of a unit file, read the way systemd reads them (systemd.syntax(7)) as far
     * as this unit needs: comments, repeated keys, quoted words, {@code $$}, {@code ${VAR}}, and
     * EnvironmentFile= with its optional {@code -}.
     */
    record Unit(Map<String, List<String>> service) {

        static Unit parse(String text) {
            Map<String, List<String>> service = new LinkedHashMap<>();
            String section = "";
            for (String raw : text.split("\n")) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                    continue;
                }
                assertThat(line).as("line continuations are not handled here").doesNotEndWith("\\");
                if (line.startsWith("[")) {
                    section = line;
                } else if (section.equals("[Service]")) {
                    int eq = line.indexOf('=');
                    assertThat(eq).as("key=value: %s", line).isPositive();
                    service.computeIfAbsent(line.substring(0, eq).strip(), k -> new ArrayList<>())
                            .add(line.substring(eq + 1).strip());
                }
            }
            return new Unit(service);
        }

        List<String> all(String key) {
            return service.getOrDefault(key, List.of());
        }

        String single(String key) {
            List<String> v = all(key);
            assertThat(v).as("[Service] %s=", key).hasSize(1);
            return v.get(0);
        }

        Set<Integer> successExitStatus() {
            // 0 always counts as success, whatever SuccessExitStatus= says.
            Set<Integer> codes = all("SuccessExitStatus").stream().flatMap(v -> List.of(v.split("\\s+")).stream())
                    .map(Integer::valueOf).collect(Collectors.toCollection(java.util.TreeSet::new));
            codes.add(0);
            return codes;
        }

        /** The variables of every EnvironmentFile= (in order; a missing file with '-' is skipped). */
        Map<String, String> environment() {
            Map<String, String> env = new LinkedHashMap<>();
            for (String spec : all("EnvironmentFile")) {
                boolean optional = spec.startsWith("-");
                Path file = Path.of(optional ? spec.substring(1) : spec);
                if (optional && !Files.exists(file)) {
                    continue;
                }
                try {
                    for (String raw : Files.readAllLines(file)) {
                        String line = raw.strip();
                        if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                            continue;
                        }
                        int eq = line.indexOf('=');
                        assertThat(eq).as("%s: NAME=VALUE: %s", file, line).isPositive();
                        String value = line.substring(eq + 1).strip();
                        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                                || value.startsWith("'") && value.endsWith("'"))) {
                            value = value.substring(1, value.length() - 1);
                        }
                        env.put(line.substring(0, eq).strip(), value);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return env;
        }

        /**
         * An Exec*= line as argv: prefixes such as '-' dropped, words split at blanks outside quotes,
         * {@code ${VAR}} replaced from {@code env}, {@code $$} turned into {@code $}.
         */
        List<String> command(String line, Map<String, String> env) {
            String l = line.replaceFirst("^[-@:+!]+", "");
            List<String> words = new ArrayList<>();
            Matcher m = Pattern.compile("'([^']*)'|\"([^\"]*)\"|(\\S+)").matcher(l);
            while (m.find()) {
                String w = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
                Matcher v = Pattern.compile("\\$\\$|\\$\\{(\\w+)}").matcher(w);
                StringBuilder sb = new StringBuilder();
                while (v.find()) {
                    v.appendReplacement(sb, Matcher.quoteReplacement(
                            v.group(1) == null ? "$" : env.getOrDefault(v.group(1), "")));
                }
                v.appendTail(sb);
                words.add(sb.toString());
            }
            return words;
        }
    }
}
