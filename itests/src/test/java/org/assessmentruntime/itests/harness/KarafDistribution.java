package org.assessmentruntime.itests.harness;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;

/**
 * One real Karaf distribution, unpacked from its tar.gz into a fresh directory under
 * {@code target/}, booted as a child process ({@code bin/karaf server}) and driven over SSH.
 *
 * <p>Lifecycle: {@link #start(KarafOptions)} unpacks, configures (free loopback ports, a generated
 * SSH key in {@code etc/keys.properties}, optionally no remote Maven repositories), launches and waits
 * (bounded, polling) until SSH accepts the key and the readiness probe passes; {@link #stop()} runs
 * {@code bin/stop} and reports how the process ended; {@link #close()} stops if still needed
 * and never throws. The run directory is left in place for inspection.
 *
 * <p>Why SSH and not {@code bin/client}: the client exits when its stdin hits EOF, and its exit
 * status says nothing about the command. Karaf's exec channel runs one command per session (Karaf
 * closes the session afterwards, so every {@link #run} opens a new one) and reports an exit status:
 * 0 when the command returned, 1 when it threw.
 *
 * <p>Unix only: it runs {@code tar} and {@code bin/karaf}.
 */
public final class KarafDistribution implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";
    private static final int LOG_TAIL_LINES = 150;
    private static final int PROCESS_TAIL_LINES = 60;
    private static final Duration CONNECT_RETRY_PAUSE = Duration.ofMillis(500);

    private final KarafOptions options;
    private final Path runDir;
    private final Path home;
    private final Path processLog;
    private final SshIdentity identity;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final SshClient client;

    private Process process;
    private Instant startedAt;
    private Duration bootDuration;
    private StopResult stopResult;
    private Thread shutdownHook;

    private KarafDistribution(KarafOptions options) {
        this.options = options;
        this.identity = SshIdentity.generate(options.sshUser());
        try {
            Files.createDirectories(options.workDir());
            // A fresh directory per run: never reuse a data/ cache or a host key from an earlier run.
            this.runDir = Files.createTempDirectory(options.workDir().toAbsolutePath(), options.name() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.home = unpack(options.distribution(), runDir);
        this.processLog = runDir.resolve("karaf-process.log");
        this.client = newSshClient();
    }

    /**
     * Unpacks, configures and boots Karaf, and waits until it is ready. On failure prints the
     * diagnostics, kills the process and rethrows.
     */
    public static KarafDistribution start(KarafOptions options) {
        KarafDistribution karaf = new KarafDistribution(options);
        try {
            karaf.configure();
            karaf.launch();
            karaf.awaitReady();
            return karaf;
        } catch (RuntimeException | Error e) {
            System.err.println(karaf.diagnostics("boot failed: " + e.getMessage()));
            karaf.close();
            throw e;
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Unpack and configure

    private static Path unpack(Path archive, Path into) {
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("distribution archive not found: " + archive.toAbsolutePath()
                    + " (is the distribution built, and did pre-integration-test copy it?)");
        }
        exec(List.of("tar", "-xzf", archive.toAbsolutePath().toString(), "-C", into.toString()),
                into, into.resolve("unpack.log"), Duration.ofMinutes(2), env -> { });
        // The top folder's name differs between distributions (assessment-runtime-<v>/,
        // apache-karaf-<v>/), so find it instead of deriving it from the artifact.
        Path home;
        if (Files.exists(into.resolve("bin/karaf"))) {
            home = into;
        } else {
            List<Path> dirs;
            try (Stream<Path> s = Files.list(into)) {
                dirs = s.filter(Files::isDirectory).collect(Collectors.toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (dirs.size() != 1 || !Files.exists(dirs.get(0).resolve("bin/karaf"))) {
                throw new IllegalStateException("expected one top folder with bin/karaf in " + archive
                        + ", found " + dirs);
            }
            home = dirs.get(0);
        }
        makeExecutable(home.resolve("bin"));
        return home;
    }

    private static void makeExecutable(Path bin) {
        // Archives made on some systems lose the x bit; bin/karaf cannot start without it.
        try (Stream<Path> s = Files.list(bin)) {
            for (Path f : s.filter(Files::isRegularFile).collect(Collectors.toList())) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(f);
                if (perms.add(PosixFilePermission.OWNER_EXECUTE)) {
                    Files.setPosixFilePermissions(f, perms);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void configure() {
        Path etc = home.resolve("etc");
        // Free ports instead of 8101/1099/44444: a developer's own Karaf, or a leftover from a killed
        // run, must not make the test talk to the wrong instance. Loopback only: nothing here is meant
        // to be reachable from elsewhere.
        List<Integer> free = freePorts(6);
        ports.put("ssh", free.get(0));
        ports.put("rmiRegistry", free.get(1));
        ports.put("rmiServer", free.get(2));
        ports.put("jmxmp", free.get(3));
        ports.put("shutdown", free.get(5));
        // Karaf's shutdown socket otherwise binds a random port as the launcher starts, seconds before SSH
        // binds the port picked for it here: once it was that very port, SSH could not bind, and the
        // boot wait talked to the shutdown socket until it gave up.
        CfgFile.append(etc.resolve("config.properties"), List.of("", "karaf.shutdown.port = " + ports.get("shutdown")));

        CfgFile.set(etc.resolve("org.apache.karaf.shell.cfg"), Map.of(
                "sshPort", String.valueOf(sshPort()),
                "sshHost", LOOPBACK));
        CfgFile.set(etc.resolve("org.apache.karaf.management.cfg"), Map.of(
                "rmiRegistryPort", String.valueOf(ports.get("rmiRegistry")),
                "rmiRegistryHost", LOOPBACK,
                "rmiServerPort", String.valueOf(ports.get("rmiServer")),
                "rmiServerHost", LOOPBACK,
                "jmxmpPort", String.valueOf(ports.get("jmxmp")),
                "jmxmpHost", LOOPBACK));
        Path paxWeb = etc.resolve("org.ops4j.pax.web.cfg");
        if (Files.exists(paxWeb)) {
            // Only distributions with an HTTP service have this file; 8181 may well be taken.
            ports.put("http", free.get(4));
            CfgFile.set(paxWeb, Map.of("org.osgi.service.http.port", String.valueOf(ports.get("http"))));
        }

        Path keys = etc.resolve("keys.properties");
        CfgFile.append(keys, identity.keysPropertiesLines(CfgFile.defines(keys, "_g_\\:" + SshIdentity.ADMIN_GROUP)));
        Path logging = etc.resolve("org.ops4j.pax.logging.cfg");
        if (Files.exists(logging)) {
            // Why an SSH login is refused, in karaf.log: once in many runs Karaf refused the harness's key
            // for the whole two minutes of a boot wait with no trace of why. One line or two per login.
            CfgFile.set(logging, Map.of(
                    "log4j2.logger.itestsshauth.name", "org.apache.sshd.server.auth",
                    "log4j2.logger.itestsshauth.level", "DEBUG",
                    "log4j2.logger.itestkarafssh.name", "org.apache.karaf.shell.ssh",
                    "log4j2.logger.itestkarafssh.level", "DEBUG",
                    "log4j2.logger.itestjaas.name", "org.apache.karaf.jaas",
                    "log4j2.logger.itestjaas.level", "DEBUG"));
        }

        Path mvn = etc.resolve("org.ops4j.pax.url.mvn.cfg");
        if (options.offline() && Files.exists(mvn)) {
            // No remote repositories, and a private local repository instead of ~/.m2: every feature
            // and bundle must come from the distribution's system/ folder, as in production.
            CfgFile.set(mvn, Map.of(
                    "org.ops4j.pax.url.mvn.repositories", "",
                    "org.ops4j.pax.url.mvn.localRepository", "${karaf.data}/itest-m2"));
        }

        options.config().forEach((pid, values) -> CfgFile.set(etc.resolve(pid + ".cfg"), values));
    }

    private static List<Integer> freePorts(int n) {
        // Hold all sockets open until every port is picked, so the ports differ from each other.
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK));
                s.setReuseAddress(true);
                sockets.add(s);
            }
            return sockets.stream().map(ServerSocket::getLocalPort).collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Launch and wait

    private void launch() {
        KarafOptions.Launch custom = options.launcher() == null ? null : options.launcher().apply(home);
        ProcessBuilder pb = (custom == null
                ? new ProcessBuilder(home.resolve("bin/karaf").toString(), "server").directory(home.toFile())
                : new ProcessBuilder(custom.command()).directory(custom.workingDirectory().toFile()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(processLog.toFile()))
                // 'server' reads no console; an empty stdin keeps it from ever waiting on ours.
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (custom == null) {
            karafEnvironment(pb.environment());
        } else {
            // Exactly the launch's environment, as a service manager gives it: nothing from the test JVM.
            pb.environment().clear();
            pb.environment().putAll(custom.environment());
        }

        startedAt = Instant.now();
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + home.resolve("bin/karaf"), e);
        }
        // If the test JVM dies (failsafe timeout, Ctrl-C), take Karaf with it.
        shutdownHook = new Thread(() -> destroyTree(true), "karaf-itest-kill-" + process.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        log("started " + (custom == null ? "bin/karaf server" : String.join(" ", custom.command())) + " (pid "
                + process.pid() + ") in " + home + ", ssh port " + sshPort());
    }

    private void karafEnvironment(Map<String, String> env) {
        // Whatever KARAF_* or JAVA_OPTS the CI shell has would point bin/karaf at another instance or
        // change its JVM; the test decides those through KarafOptions.environment only.
        env.keySet().removeIf(k -> k.startsWith("KARAF_") || k.equals("JAVA_OPTS") || k.equals("EXTRA_JAVA_OPTS"));
        // Karaf runs on the Java that runs the tests, not on whatever `java` is first on the PATH.
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.putAll(options.environment());
    }

    private void awaitReady() {
        Instant deadline = startedAt.plus(options.bootTimeout());
        String lastProbe = "SSH port " + sshPort() + " never accepted a connection";
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Karaf exited with code " + process.exitValue()
                        + " while booting; last probe: " + lastProbe);
            }
            Duration remaining = Duration.between(Instant.now(), deadline);
            if (remaining.isNegative()) {
                throw new IllegalStateException("Karaf not ready within " + options.bootTimeout().toSeconds()
                        + " s (" + KarafOptions.BOOT_TIMEOUT_PROPERTY + "); last probe: " + lastProbe);
            }
            // A plain TCP connect first: cheap, and keeps failed SSH handshakes out of karaf.log.
            if (portOpen(sshPort())) {
                try {
                    Duration bound = min(remaining, Duration.ofSeconds(30));
                    CommandResult r = run(options.readinessCommand(), max(bound, Duration.ofSeconds(1)));
                    if (r.succeeded() && options.readinessCheck().test(r.output())) {
                        bootDuration = Duration.between(startedAt, Instant.now());
                        log(String.format("Karaf booted in %.1f s (process start -> `%s` ready); run dir %s",
                                bootDuration.toMillis() / 1000.0, options.readinessCommand(), runDir));
                        return;
                    }
                    lastProbe = r.toString();
                } catch (RuntimeException e) {
                    // Typical while booting: auth refused until the JAAS realm is up, command not
                    // found until its bundle is started.
                    lastProbe = e.toString();
                }
            }
            sleep(options.pollInterval());
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Shell over SSH

    private SshClient newSshClient() {
        SshClient c = SshClient.setUpDefaultClient();
        // Test-only trust: accept whatever host key the fresh instance generated, but only for a
        // server on the loopback interface (the harness never connects anywhere else).
        c.setServerKeyVerifier((session, remote, key) -> remote instanceof InetSocketAddress
                && ((InetSocketAddress) remote).getAddress().isLoopbackAddress());
        // Hermetic: ignore the developer's ~/.ssh/config and ~/.ssh/id_* keys.
        c.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        c.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        c.start();
        return c;
    }

    /**
     * Runs one shell command with the default timeout and returns stdout+stderr (ANSI escapes
     * removed), whatever the exit status; use {@link #run(String)} when the status matters.
     */
    public String execute(String command) {
        return run(command).output();
    }

    /** Like {@link #execute(String)}, with an explicit timeout. */
    public String execute(String command, Duration timeout) {
        return run(command, timeout).output();
    }

    /** Runs one shell command with the default timeout ({@link KarafOptions#commandTimeout}). */
    public CommandResult run(String command) {
        return run(command, options.commandTimeout());
    }

    /**
     * Runs one shell command over a new SSH session's exec channel.
     *
     * @throws CommandTimeoutException when connecting, logging in and running together take longer
     *                                 than {@code timeout}
     * @throws UncheckedIOException    when the connection or login fails
     */
    public CommandResult run(String command, Duration timeout) {
        Instant t0 = Instant.now();
        Instant deadline = t0.plus(timeout);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ClientSession session = openSession(deadline)) {
            try (ChannelExec channel = session.createExecChannel(command)) {
                channel.setOut(all);
                channel.setErr(new Tee(all, err));
                channel.open().verify(millisLeft(deadline));
                // CLOSED, not EXIT_STATUS: only then is all output flushed to our streams.
                Set<ClientChannelEvent> events =
                        channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), millisLeft(deadline));
                if (!events.contains(ClientChannelEvent.CLOSED)) {
                    throw new CommandTimeoutException("`" + command + "` did not finish within "
                            + timeout.toMillis() + " ms", CommandResult.plain(all.toString(StandardCharsets.UTF_8)));
                }
                return new CommandResult(command, all.toString(StandardCharsets.UTF_8),
                        err.toString(StandardCharsets.UTF_8), channel.getExitStatus(),
                        Duration.between(t0, Instant.now()));
            }
        } catch (IOException e) {
            if (Instant.now().isAfter(deadline)) {
                throw new CommandTimeoutException("`" + command + "` timed out after " + timeout.toMillis()
                        + " ms: " + e.getMessage(), CommandResult.plain(all.toString(StandardCharsets.UTF_8)));
            }
            throw new UncheckedIOException("`" + command + "` over SSH to " + identity.user() + "@" + LOOPBACK
                    + ":" + sshPort() + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Connects and logs in, retrying a few times: the command has not been sent yet, so a retry
     * cannot run it twice, and it rides over a brief SSH server restart (Karaf restarts its SSH
     * server whenever the org.apache.karaf.shell configuration is updated).
     */
    private ClientSession openSession(Instant deadline) throws IOException {
        for (int attempt = 1; ; attempt++) {
            ClientSession session = null;
            try {
                session = client.connect(identity.user(), LOOPBACK, sshPort()).verify(millisLeft(deadline)).getSession();
                session.addPublicKeyIdentity(identity.keyPair());
                session.auth().verify(millisLeft(deadline));
                return session;
            } catch (IOException e) {
                if (session != null) {
                    session.close(true);
                }
                if (attempt >= 3 || Instant.now().plus(CONNECT_RETRY_PAUSE).isAfter(deadline)) {
                    throw e;
                }
                sleep(CONNECT_RETRY_PAUSE);
            }
        }
    }

    /**
     * Runs {@code command} every poll interval until {@code until} accepts the result or
     * {@code timeout} has passed. Returns the accepted result, or the last one when time ran out (so
     * the test's assertion shows what was last seen); rethrows the last exception if no attempt
     * returned at all. For states that settle asynchronously after boot.
     */
    public CommandResult awaitCommand(String command, Predicate<CommandResult> until, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        CommandResult last = null;
        RuntimeException lastError = null;
        while (true) {
            try {
                last = run(command, max(min(Duration.between(Instant.now(), deadline), options.commandTimeout()),
                        Duration.ofSeconds(5)));
                lastError = null;
                if (until.test(last)) {
                    return last;
                }
            } catch (RuntimeException e) {
                lastError = e;
            }
            if (Instant.now().isAfter(deadline)) {
                if (last == null && lastError != null) {
                    throw lastError;
                }
                return last;
            }
            sleep(options.pollInterval());
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Stop

    /**
     * Stops Karaf: {@code bin/stop} (falling back to {@code system:shutdown -f} over SSH if that
     * fails), then waits up to the stop timeout for the process to exit; failing that SIGTERM to the
     * JVM, then {@code destroyForcibly}. Idempotent: a second call returns the first result.
     *
     * <p>Why {@code bin/stop} first: it uses Karaf's shutdown port ({@code karaf.shutdown.port} /
     * {@code data/port} and {@code karaf.shutdown.command} in etc/config.properties), so it works even
     * when SSH or the shell is what is broken, and no shell job of ours is still running while the
     * framework stops (Karaf logs a shell job interrupted by the stop as an ERROR).
     */
    public synchronized StopResult stop() {
        if (stopResult != null) {
            return stopResult;
        }
        if (process == null) {
            return null;
        }
        Instant t0 = Instant.now();
        // Snapshot the JVM under the script now: once the script is gone its children are reparented
        // and no longer found through it.
        List<ProcessHandle> tree = processTree();
        StringBuilder how = new StringBuilder();
        boolean asked = false;
        if (process.isAlive()) {
            how.append("bin/stop");
            try {
                exec(List.of(home.resolve("bin/stop").toString()), home, processLog, Duration.ofSeconds(30),
                        this::karafEnvironment);
                asked = true;
            } catch (RuntimeException e) {
                how.append(" (").append(e.getMessage()).append("), then system:shutdown -f");
                try {
                    CommandResult r = run("system:shutdown -f", Duration.ofSeconds(20));
                    asked = r.exitStatus() == null || r.succeeded();
                    if (!asked) {
                        how.append(" (exit ").append(r.exitStatus()).append(": ").append(r.output().strip()).append(')');
                    }
                } catch (RuntimeException e2) {
                    // The server may drop the connection while shutting down; the exit below decides.
                    how.append(" (").append(e2.getMessage()).append(')');
                    asked = true;
                }
            }
        } else {
            how.append("none: the process had already exited");
        }
        boolean exited = waitFor(options.stopTimeout());
        boolean clean = asked && exited;
        if (!exited) {
            // Karaf's JVM shutdown hook stops the framework on SIGTERM; the script only waits for it.
            how.append(", then SIGTERM");
            destroyTree(false);
            exited = waitFor(Duration.ofSeconds(15));
        }
        if (!exited) {
            how.append(", then destroyForcibly");
            destroyTree(true);
            waitFor(Duration.ofSeconds(15));
        }
        for (ProcessHandle h : tree) {
            if (h.isAlive()) {
                how.append(", killed leftover pid ").append(h.pid());
                h.destroyForcibly();
                clean = false;
            }
        }
        Integer code = process.isAlive() ? null : process.exitValue();
        stopResult = new StopResult(clean && code != null && code == 0, code, Duration.between(t0, Instant.now()),
                how.toString());
        log(stopResult.toString());
        if (!stopResult.clean()) {
            System.err.println(diagnostics("unclean stop: " + stopResult));
        }
        removeShutdownHook();
        return stopResult;
    }

    /**
     * Stops Karaf with {@code stopper} instead of {@code bin/stop} (e.g. a test that plays a service
     * manager's stop sequence) and records the result like {@link #stop()}, so {@link #close()} does not
     * stop again. If the process is still alive the stop timeout after {@code stopper} returned, the
     * process and the JVM under it are killed (SIGKILL). Idempotent like {@link #stop()}.
     *
     * @param how     what {@code stopper} does, for the result
     * @param stopper gets the launcher's process and asks it to stop; it may wait for the exit itself
     * @return the result: {@code duration} from calling {@code stopper} until the process was gone,
     *         {@code clean} when it exited without being killed here, with exit code 0
     */
    public synchronized StopResult stop(String how, Consumer<ProcessHandle> stopper) {
        if (stopResult != null) {
            return stopResult;
        }
        if (process == null) {
            return null;
        }
        Instant t0 = Instant.now();
        List<ProcessHandle> tree = processTree();
        StringBuilder what = new StringBuilder(how);
        boolean clean = true;
        try {
            stopper.accept(process.toHandle());
        } catch (RuntimeException e) {
            what.append(" (failed: ").append(e.getMessage()).append(')');
            clean = false;
        }
        if (!waitFor(options.stopTimeout())) {
            what.append(", then SIGKILL");
            destroyTree(true);
            waitFor(Duration.ofSeconds(15));
            clean = false;
        }
        Duration took = Duration.between(t0, Instant.now());
        for (ProcessHandle h : tree) {
            if (h.isAlive()) {
                what.append(", killed leftover pid ").append(h.pid());
                h.destroyForcibly();
                clean = false;
            }
        }
        Integer code = process.isAlive() ? null : process.exitValue();
        stopResult = new StopResult(clean && code != null && code == 0, code, took, what.toString());
        log(stopResult.toString());
        if (!stopResult.clean()) {
            System.err.println(diagnostics("unclean stop: " + stopResult));
        }
        removeShutdownHook();
        return stopResult;
    }

    /**
     * Stops this Karaf (see {@link #stop()}) and boots the same installation again, keeping its data and
     * configuration, then waits until it is ready: what an operator's restart does.
     *
     * @return the result of the stop
     */
    public synchronized StopResult restart() {
        StopResult stopped = stop();
        stopResult = null;
        launch();
        awaitReady();
        return stopped;
    }

    /**
     * Kills the Karaf JVM with SIGKILL (no shutdown hooks, nothing flushed: what a power cut or the OOM
     * killer does), then boots the same installation again and waits until it is ready.
     *
     * @return how long the kill took until the process was gone
     */
    public synchronized Duration killAndRestart() {
        Instant t0 = Instant.now();
        destroyTree(true);
        if (!waitFor(Duration.ofSeconds(30))) {
            throw new IllegalStateException("Karaf (pid " + process.pid() + ") still alive 30 s after SIGKILL");
        }
        Duration took = Duration.between(t0, Instant.now());
        log("killed with SIGKILL in " + took.toMillis() + " ms; booting again");
        removeShutdownHook();
        stopResult = null;
        launch();
        awaitReady();
        return took;
    }

    /** Stops if still running (see {@link #stop()}) and releases the SSH client. Never throws. */
    @Override
    public void close() {
        try {
            if (process != null && stopResult == null) {
                stop();
            }
        } catch (RuntimeException e) {
            System.err.println("[karaf-itest] stop failed: " + e);
            destroyTree(true);
        } finally {
            removeShutdownHook();
            try {
                client.stop();
            } catch (RuntimeException e) {
                // nothing left to do
            }
        }
    }

    private List<ProcessHandle> processTree() {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process.toHandle());
        process.descendants().forEach(tree::add);
        return tree;
    }

    private void destroyTree(boolean forcibly) {
        if (process == null) {
            return;
        }
        // The script is the child, the JVM its child: killing only the script would orphan the JVM.
        process.descendants().forEach(h -> {
            if (forcibly) {
                h.destroyForcibly();
            } else {
                h.destroy();
            }
        });
        if (forcibly) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
    }

    private boolean waitFor(Duration d) {
        try {
            return process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private void removeShutdownHook() {
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down; the hook is running or ran
            }
            shutdownHook = null;
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Logs and diagnostics

    /** {@code data/log/karaf.log} of this run. */
    public KarafLog karafLog() {
        return new KarafLog(home.resolve("data/log/karaf.log"));
    }

    /** The last {@code n} lines of the process' stdout+stderr. */
    public String processOutputTail(int n) {
        return KarafLog.tail(processLog, n);
    }

    /**
     * Everything CI needs to see why a test failed: where the run is, whether the process lives,
     * ERROR entries, the tail of karaf.log and of the process output.
     */
    public String diagnostics(String reason) {
        StringBuilder sb = new StringBuilder();
        sb.append("\n===== Karaf diagnostics (").append(options.name()).append("): ").append(reason).append(" =====\n");
        sb.append("run dir:  ").append(runDir).append('\n');
        sb.append("home:     ").append(home).append('\n');
        sb.append("ports:    ").append(ports).append('\n');
        if (process != null) {
            sb.append("process:  pid ").append(process.pid()).append(process.isAlive()
                    ? ", alive" : ", exited with " + process.exitValue()).append('\n');
        }
        sb.append("boot:     ").append(bootDuration == null ? "not ready" : bootDuration.toMillis() + " ms").append('\n');
        if (stopResult != null) {
            sb.append("stop:     ").append(stopResult).append('\n');
        }
        KarafLog log = karafLog();
        List<String> errors = log.errors();
        sb.append("----- ").append(errors.size()).append(" ERROR/FATAL entries in ").append(log.file()).append(" (first 10) -----\n");
        errors.stream().limit(10).forEach(e -> sb.append(e).append('\n'));
        sb.append("----- last ").append(LOG_TAIL_LINES).append(" lines of ").append(log.file()).append(" -----\n");
        sb.append(log.tail(LOG_TAIL_LINES)).append('\n');
        sb.append("----- last ").append(PROCESS_TAIL_LINES).append(" lines of ").append(processLog).append(" -----\n");
        sb.append(processOutputTail(PROCESS_TAIL_LINES)).append('\n');
        sb.append("===== end of Karaf diagnostics =====\n");
        return sb.toString();
    }

    // ------------------------------------------------------------------------------------------------
    // Accessors

    /** The unpacked distribution (its top folder). */
    public Path home() {
        return home;
    }

    /** The directory of this run: the unpacked top folder and {@code karaf-process.log}. */
    public Path runDir() {
        return runDir;
    }

    /** The loopback port Karaf's SSH server was configured to listen on. */
    public int sshPort() {
        return ports.get("ssh");
    }

    /** The loopback ports the harness configured, by name: ssh, rmiRegistry, rmiServer, jmxmp, http. */
    public Map<String, Integer> ports() {
        return Map.copyOf(ports);
    }

    /** Process start until the readiness probe passed; {@code null} before that. */
    public Duration bootDuration() {
        return bootDuration;
    }

    /** The result of {@link #stop()}, {@code null} before it. */
    public StopResult stopResult() {
        return stopResult;
    }

    /** The launcher process ({@code bin/karaf} or the custom launch), {@code null} before the launch. */
    public ProcessHandle processHandle() {
        return process == null ? null : process.toHandle();
    }

    /** Whether the Karaf process (the launcher script) is alive. */
    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The bound a test should allow for a clean stop. */
    public Duration stopTimeout() {
        return options.stopTimeout();
    }

    // ------------------------------------------------------------------------------------------------
    // Helpers

    private static boolean portOpen(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(LOOPBACK, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void exec(List<String> command, Path dir, Path output, Duration timeout,
            Consumer<Map<String, String>> environment) {
        try {
            // Output to a file, not a pipe: nothing has to drain it, and a hung process cannot block us
            // beyond the timeout.
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
            environment.accept(pb.environment());
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within " + timeout.toSeconds() + " s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(command + " exited with " + p.exitValue() + ": "
                        + KarafLog.tail(output, 20));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }

    private static long millisLeft(Instant deadline) {
        return Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void log(String message) {
        System.out.println("[karaf-itest] " + options.name() + ": " + message);
    }

    /** Writes stderr both to the combined stream (arrival order) and to its own. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
