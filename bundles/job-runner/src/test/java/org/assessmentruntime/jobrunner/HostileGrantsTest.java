package org.assessmentruntime.jobrunner;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.DirectoryGrant;
import org.assessmentruntime.api.model.FailureKind;
import org.assessmentruntime.api.model.JobContext;
import org.assessmentruntime.api.model.LogEntry;
import org.assessmentruntime.api.model.PluginRef;
import org.assessmentruntime.api.model.ResultStatus;
import org.assessmentruntime.pluginstore.AbiJson;
import org.assessmentruntime.pluginstore.InvalidPluginException;
import org.assessmentruntime.pluginstore.PluginPackage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile manifest asks for the runtime's own files and credentials (issue 15, item 1: an unsigned
 * plugin granted itself {@code /} and {@code ASSESSMENT_CLIENT_SECRET} and its result carried the client
 * secret and {@code etc/host.key}). Every such grant is refused: the plugin is PLUGIN_REJECTED, naming
 * the grant and the rule, and never runs (the executor gets no request).
 *
 * <p>The host: a Karaf installation under {@code host/karaf} (etc with a host key, data), which the
 * operator's allow-list covers as a whole ({@code host}), and every variable allowed ({@code *}): what is
 * refused below is refused whatever the operator allows.
 */
class HostileGrantsTest {

    static final byte[] MODULE = { 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00 };
    static final String SECRET = "s3cr3t-client-secret";
    static final String PASS = "{\"status\":\"PASS\",\"reason\":\"ok\"}";

    @TempDir
    Path tmp;

    Path host;
    Path karaf;
    Path etc;
    Path data;
    FakeExecutor executor;
    GrantPolicy policy;

    @BeforeEach
    void setUp() throws Exception {
        host = Files.createDirectories(tmp.resolve("host")).toRealPath();
        karaf = Files.createDirectories(host.resolve("karaf"));
        etc = Files.createDirectories(karaf.resolve("etc"));
        data = Files.createDirectories(karaf.resolve("data"));
        Files.writeString(etc.resolve("host.key"), "-----BEGIN PRIVATE KEY-----");
        Files.createDirectories(host.resolve("srv/app"));
        executor = FakeExecutor.exitingZero(PASS, "");
        Map<String, String> properties = Map.of("karaf.etc", etc.toString(), "karaf.data", data.toString(),
                "karaf.base", karaf.toString());
        policy = GrantPolicy.allowing(List.of(host.toString(), "/"), List.of("*"))
                .protectKarafDirectories(properties::get);
    }

    @Test
    void aGrantOfTheRootIsRejectedEvenWhenTheOperatorAllowsIt() throws Exception {
        AssessmentResult result = run(manifest(dirs("/", "/host"), List.of()));

        assertRejected(result, "directory /: is the file-system root", "(guest /host)");
    }

    @Test
    void aGrantOfKarafsEtcIsRejected() throws Exception {
        AssessmentResult result = run(manifest(dirs(etc.toString(), "/etc"), List.of()));

        assertRejected(result, "directory " + etc, "is Karaf's etc directory");
    }

    @Test
    void aGrantWithinKarafsDataIsRejected() throws Exception {
        Path store = Files.createDirectories(data.resolve("results"));

        assertRejected(run(manifest(dirs(store.toString(), "/store"), List.of())), "lies within Karaf's data");
    }

    @Test
    void aGrantContainingKarafsEtcIsRejected() throws Exception {
        AssessmentResult result = run(manifest(dirs(host.toString(), "/host"), List.of()));

        assertRejected(result, "directory " + host, "contains Karaf's etc directory");
    }

    @Test
    void aSymlinkPointingIntoEtcIsRejected() throws Exception {
        Path link = Files.createSymbolicLink(host.resolve("srv/innocent"), etc);

        AssessmentResult result = run(manifest(dirs(link.toString(), "/data"), List.of()));

        assertRejected(result, "directory " + link + " (really " + etc + ")", "Karaf's etc directory");
    }

    @Test
    void aSymlinkedParentLeadingIntoEtcIsRejected() throws Exception {
        Path link = Files.createSymbolicLink(host.resolve("srv/conf"), karaf);

        assertRejected(run(manifest(dirs(link.resolve("etc").toString(), "/data"), List.of())),
                "Karaf's etc directory");
    }

    @Test
    void aDirectoryOutsideTheAllowListIsRejected(@TempDir Path elsewhere) throws Exception {
        GrantPolicy narrow = GrantPolicy.allowing(List.of(host.resolve("srv").toString()), List.of());

        AssessmentResult result = run(manifest(dirs(elsewhere.toString(), "/data"), List.of()), narrow,
                RunOptions.DEFAULT);

        assertRejected(result, "directory " + elsewhere, "not within the operator's allowedDirectories ("
                + host.resolve("srv") + ")");
    }

    @Test
    void theKernelsProcessViewsAreRejected() throws Exception {
        assertRejected(run(manifest(dirs("/proc/self", "/p"), List.of())), "lies within", "/proc");
        assertRejected(run(manifest(dirs("/sys", "/s"), List.of())), "is the kernel's file system /sys");
    }

    @Test
    void theControlPlanesSecretVariablesAreRejectedWhateverTheOperatorAllows() throws Exception {
        AssessmentResult result = run(manifest(List.of(), List.of("ASSESSMENT_CLIENT_SECRET",
                "CCF_API_AUTH_CLIENT_SECRET", "KARAF_OPTS", "java_tool_options")));

        assertRejected(result, "env ASSESSMENT_CLIENT_SECRET: matches ASSESSMENT_*",
                "env CCF_API_AUTH_CLIENT_SECRET: matches CCF_*", "env KARAF_OPTS", "env java_tool_options");
        assertThat(new String(AbiJson.write(result), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain(SECRET);
    }

    @Test
    void aCallersHostDirectoryIsHeldToThePolicyToo() throws Exception {
        PluginPackage plugin = manifest(dirs(host.resolve("srv/app").toString(), "/app"), List.of());

        AssessmentResult result = run(plugin, policy, RunOptions.DEFAULT.withHostDirectory("/app", etc.toString()));

        assertRejected(result, "directory " + etc + ": is Karaf's etc directory", "(guest /app)");
    }

    @Test
    void aDirectoryHoldingTheControlPlanesSecretFileIsRejected() throws Exception {
        Path secrets = Files.createDirectories(host.resolve("srv/secrets"));
        Path secretFile = Files.writeString(secrets.resolve("client-secret"), SECRET);
        GrantPolicy withSecret = policy.protectControlPlaneFiles(
                Map.of("ASSESSMENT_CLIENT_SECRET_FILE", secretFile.toString())::get);

        AssessmentResult result = run(manifest(dirs(host.resolve("srv").toString(), "/srv"), List.of()), withSecret,
                RunOptions.DEFAULT);

        assertRejected(result, "contains a control-plane credential file (ASSESSMENT_CLIENT_SECRET_FILE) " + secretFile);
    }

    @Test
    void aRunnerWithoutAPolicyGrantsNothing() throws Exception {
        PluginPackage plugin = manifest(dirs(host.resolve("srv/app").toString(), "/app"), List.of("TZ"));
        PluginRunner runner = new PluginRunner(executor, "runtime-1", Clock.systemUTC(), name -> "x");

        AssessmentResult result = runner.run(plugin, PluginRef.parse("evil/probe"), context(), null);

        assertRejected(result, "not within the operator's allowedDirectories (none)",
                "env TZ: not in the operator's allowedEnv (none)");
    }

    @Test
    void whatThePolicyAllowsRunsAtTheResolvedPath() throws Exception {
        Path app = host.resolve("srv/app");
        Path link = Files.createSymbolicLink(host.resolve("srv/current"), app);

        AssessmentResult result = run(manifest(dirs(link.toString(), "/app"), List.of("TZ")));

        assertThat(result.status()).as("%s", result).isEqualTo(ResultStatus.PASS);
        assertThat(executor.only().directories()).containsExactly(new DirectoryGrant(app.toString(), "/app"));
        assertThat(executor.only().env()).containsExactlyEntriesOf(Map.of("TZ", "UTC"));
    }

    @Test
    void aWritableDirectoryIsRejectedEvenWithinTheAllowList() throws Exception {
        String writable = "{\"hostPath\":\"" + host.resolve("srv/app") + "\",\"guestPath\":\"/app\",\"writable\":true}";

        AssessmentResult result = run(manifest(writable, List.of()));

        assertRejected(result, "a writable directory is never granted to a plugin (guest /app)");
    }

    @Test
    void anAllowListEntryThatIsNotAPathOrNameIsTheOperatorsErrorNamed() {
        assertThatThrownBy(() -> GrantPolicy.allowing(List.of("relative/dir"), List.of()))
                .hasMessageContaining("allowedDirectories").hasMessageContaining("relative/dir");
        assertThatThrownBy(() -> GrantPolicy.allowing(List.of(), List.of("A*B")))
                .hasMessageContaining("allowedEnv").hasMessageContaining("A*B");
    }

    private void assertRejected(AssessmentResult result, String... reasons) {
        assertThat(result.status()).as("%s", result).isEqualTo(ResultStatus.ERROR);
        assertThat(result.errorKind()).isEqualTo(FailureKind.PLUGIN_REJECTED);
        assertThat(result.reason()).contains("grant policy refuses").contains(reasons);
        assertThat(result.logs()).extracting(LogEntry::message).allSatisfy(m -> assertThat(m).startsWith("grant refused"));
        assertThat(executor.requests).as("the plugin must not run").isEmpty();
    }

    private AssessmentResult run(PluginPackage plugin) {
        return run(plugin, policy, RunOptions.DEFAULT);
    }

    private AssessmentResult run(PluginPackage plugin, GrantPolicy with, RunOptions options) {
        Function<String, String> env = Map.of("ASSESSMENT_CLIENT_SECRET", SECRET, "CCF_API_AUTH_CLIENT_SECRET", SECRET,
                "TZ", "UTC")::get;
        return new PluginRunner(executor, "runtime-1", Clock.systemUTC(), env, with).run(plugin,
                PluginRef.parse("evil/probe"), context(), null, options);
    }

    static JobContext context() {
        return new JobContext(1, UUID.randomUUID(), "job", "task", "activity", "", "", "", Map.of(), null);
    }

    static String dirs(String hostPath, String guestPath) {
        return "{\"hostPath\":\"" + hostPath + "\",\"guestPath\":\"" + guestPath + "\"}";
    }

    static PluginPackage manifest(String directory, List<String> env) throws InvalidPluginException {
        return manifest(directory.isEmpty() ? List.of() : List.of(directory), env);
    }

    static PluginPackage manifest(List<String> directories, List<String> env) throws InvalidPluginException {
        return manifest(directories, env, MODULE);
    }

    static PluginPackage manifest(List<String> directories, List<String> env, byte[] module)
            throws InvalidPluginException {
        String json = """
                {"name":"evil/probe","version":"6.6.6","abiVersion":1,
                 "grants":{"directories":[%s],"env":[%s]},
                 "limits":{"timeout":"PT10S","maxMemoryBytes":16777216,"maxStdoutBytes":65536,"maxStderrBytes":4096}}
                """.formatted(String.join(",", directories),
                env.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(",")));
        return PluginPackage.of(PluginPackage.readDescriptor(json.getBytes(UTF_8), "evil plugin.json"), module);
    }
}
