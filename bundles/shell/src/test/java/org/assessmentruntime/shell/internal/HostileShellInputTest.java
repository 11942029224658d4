package org.assessmentruntime.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.karaf.shell.api.action.Action;
import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.ConfigSyncOutcome;
import org.assessmentruntime.api.ConfigurationSync;
import org.assessmentruntime.api.Heartbeat;
import org.assessmentruntime.api.HeartbeatResult;
import org.assessmentruntime.api.NotFoundException;
import org.assessmentruntime.api.PluginManager;
import org.assessmentruntime.api.ResultsCollector;
import org.assessmentruntime.api.Scheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Commands that fail must fail: throw with a message that says what went wrong (Karaf prints it as
 * "Error executing command: ..." and an SSH exec exits non-zero), never print a line to stderr and
 * return as if they had succeeded. Bad arguments are refused before any service is asked.
 */
class HostileShellInputTest {

    private static final String NO_REGISTRY = "no registry is configured (registryUrl is empty)";

    private final PluginManager manager = mock(PluginManager.class);
    private final Scheduler scheduler = mock(Scheduler.class);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void setUp() throws Exception {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        when(manager.installed()).thenReturn(List.of());
        when(manager.install(any())).thenThrow(new AssessmentException(NO_REGISTRY));
        when(manager.upgrade(anyString())).thenThrow(new NotFoundException("acme/x is not installed"));
        when(manager.upgradeAll()).thenThrow(new AssessmentException(NO_REGISTRY));
        when(manager.remove(any())).thenThrow(new NotFoundException("no installed version of acme/x matches *"));
        when(manager.rollback(anyString())).thenThrow(new NotFoundException("acme/x has no lower version"));
    }

    @AfterEach
    void tearDown() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @Test
    void pluginCommandsThatFailThrowTheReason() {
        PluginInstallCommand install = new PluginInstallCommand();
        install.pluginManager = manager;
        install.plugin = "acme/x@^1.0";
        PluginUpgradeCommand upgradeOne = new PluginUpgradeCommand();
        upgradeOne.pluginManager = manager;
        upgradeOne.plugin = "acme/x";
        PluginUpgradeCommand upgradeAll = new PluginUpgradeCommand();
        upgradeAll.pluginManager = manager;
        PluginRemoveCommand remove = new PluginRemoveCommand();
        remove.pluginManager = manager;
        remove.plugin = "acme/x";
        PluginRollbackCommand rollback = new PluginRollbackCommand();
        rollback.pluginManager = manager;
        rollback.plugin = "acme/x";

        assertFails(install, "Installing acme/x@^1.0 failed: " + NO_REGISTRY);
        assertFails(upgradeOne, "Upgrading acme/x failed: acme/x is not installed");
        assertFails(upgradeAll, "Upgrading the installed plugins failed: " + NO_REGISTRY);
        assertFails(remove, "Removing acme/x@* failed: no installed version of acme/x matches *");
        assertFails(rollback, "Rolling back acme/x failed: acme/x has no lower version");
        assertThat(out.toString()).isEmpty();
    }

    private void assertFails(Action command, String message) {
        assertThatThrownBy(command::execute).as(command.getClass().getSimpleName())
                .isInstanceOf(CommandException.class).hasMessage(message);
        // Nothing on the side: the one report of the failure is the thrown message the shell prints.
        assertThat(err.toString()).as(command.getClass().getSimpleName()).isEmpty();
    }

    @Test
    void badPluginReferencesAreRefusedBeforeAnyServiceIsAsked() {
        PluginInstallCommand install = new PluginInstallCommand();
        install.pluginManager = manager;
        for (String bad : List.of("acme/x@", "../../etc/passwd", "acme/../x", "ACME/X", "")) {
            install.plugin = bad;
            assertThatThrownBy(install::execute).as(bad).isInstanceOf(CommandException.class);
        }
        PluginUpgradeCommand upgrade = new PluginUpgradeCommand();
        upgrade.pluginManager = manager;
        upgrade.plugin = "acme/x@1.0.0";
        assertThatThrownBy(upgrade::execute).isInstanceOf(CommandException.class)
                .hasMessageContaining("without '@version'");
    }

    @Test
    void badJobIdsAreRefusedNamingTheArgument() {
        RunCommand run = new RunCommand();
        run.scheduler = scheduler;
        JobInfoCommand info = new JobInfoCommand();
        info.scheduler = scheduler;
        for (String bad : List.of("", " ", "../x", "a b", "x/y", "-x", "x".repeat(129))) {
            run.jobId = bad;
            info.jobId = bad;
            assertThatThrownBy(run::execute).as(bad).isInstanceOf(CommandException.class)
                    .hasMessageContaining("is not a job id");
            assertThatThrownBy(info::execute).as(bad).isInstanceOf(CommandException.class)
                    .hasMessageContaining("is not a job id");
        }
        ResultsCollector collector = mock(ResultsCollector.class);
        ResultsCommand results = new ResultsCommand();
        results.collector = collector;
        results.jobId = "a/b";
        assertThatThrownBy(results::execute).hasMessageContaining("--job 'a/b' is not a job id");
        results.jobId = null;
        results.limit = 0;
        assertThatThrownBy(results::execute).hasMessage("--limit must be at least 1, got 0");
        verifyNoInteractions(scheduler, collector);
    }

    @Test
    void runOfAnUnknownJobFailsNamingIt() throws Exception {
        when(scheduler.runNow("nope")).thenThrow(new NotFoundException("no job 'nope' is scheduled"));
        RunCommand run = new RunCommand();
        run.scheduler = scheduler;
        run.jobId = "nope";

        assertThatThrownBy(run::execute).isInstanceOf(NotFoundException.class).hasMessage("no job 'nope' is scheduled");
    }

    @Test
    void runWaitFailsWithTheRunsOwnMessage() throws Exception {
        when(scheduler.runNow("j")).thenReturn(CompletableFuture.failedFuture(
                new AssessmentException("the result of j/t/a was lost: result store is full")));
        RunCommand run = new RunCommand();
        run.scheduler = scheduler;
        run.jobId = "j";
        run.await = true;

        assertThatThrownBy(run::execute).isInstanceOf(CommandException.class)
                .hasMessage("the run of job 'j' failed: the result of j/t/a was lost: result store is full");
    }

    @Test
    void runWaitThatTimesOutSaysSo() throws Exception {
        when(scheduler.runNow("j")).thenReturn(new CompletableFuture<>());
        RunCommand run = new RunCommand();
        run.scheduler = scheduler;
        run.jobId = "j";
        run.await = true;
        run.timeoutSeconds = 1;

        assertThatThrownBy(run::execute).isInstanceOf(CommandException.class)
                .hasMessageContaining("job 'j' did not finish within 1 s");
        run.timeoutSeconds = 0;
        assertThatThrownBy(run::execute).hasMessage("--timeout must be at least 1 second, got 0");
    }

    @Test
    void aHeartbeatNotAcceptedFailsTheCommand() {
        Heartbeat heartbeat = mock(Heartbeat.class);
        when(heartbeat.beat()).thenReturn(new HeartbeatResult(Instant.parse("2026-01-01T00:00:00Z"), false,
                "HTTP 503"));
        HeartbeatCommand command = new HeartbeatCommand();
        command.heartbeat = heartbeat;

        assertThatThrownBy(command::execute).isInstanceOf(CommandException.class)
                .hasMessage("heartbeat NOT accepted at 2026-01-01T00:00:00Z: HTTP 503");

        // --json: the document is printed for the script, and the command still fails.
        command.json = true;
        assertThatThrownBy(command::execute).isInstanceOf(CommandException.class);
        assertThat(out.toString()).contains("\"delivered\" : false");
    }

    @Test
    void aRejectedOrFailedSyncFailsTheCommand() {
        ConfigurationSync sync = mock(ConfigurationSync.class);
        SyncCommand command = new SyncCommand();
        command.sync = sync;
        when(sync.sync()).thenReturn(new ConfigSyncOutcome(ConfigSyncOutcome.Status.REJECTED, 4, "\"4\"",
                "org.assessmentruntime.controlplane is local only", List.of(), Instant.now()));

        assertThatThrownBy(command::execute).isInstanceOf(CommandException.class)
                .hasMessage("sync REJECTED: org.assessmentruntime.controlplane is local only");
        assertThat(out.toString()).startsWith("Sync REJECTED: revision 4");

        when(sync.sync()).thenReturn(new ConfigSyncOutcome(ConfigSyncOutcome.Status.UNCHANGED, 4, "\"4\"", "",
                List.of(), Instant.now()));
        assertThat(catchNothing(command)).isNull();
    }

    private static Object catchNothing(Action command) {
        try {
            return command.execute();
        } catch (Exception e) {
            throw new AssertionError("unexpected failure of " + command.getClass().getSimpleName(), e);
        }
    }
}
