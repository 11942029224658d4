package org.assessmentruntime.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.assessmentruntime.itests.harness.BundleList;
import org.assessmentruntime.itests.harness.CommandResult;
import org.assessmentruntime.itests.harness.CommandTimeoutException;
import org.assessmentruntime.itests.harness.KarafChecks;
import org.assessmentruntime.itests.harness.KarafDistribution;
import org.assessmentruntime.itests.harness.KarafExtension;
import org.assessmentruntime.itests.harness.KarafOptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Proves the harness itself, on any Karaf 4.4 based distribution (ours, or stock Apache Karaf with
 * {@code -Pstock-karaf}): boot, SSH with the generated key, exit statuses, timeouts, the ports it
 * configured, the karaf.log reader and a clean stop. Nothing here is specific to the assessment
 * runtime; that is {@link BootIT}'s job.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HarnessSmokeIT {

    @RegisterExtension
    static final KarafExtension KARAF = new KarafExtension();

    @Test
    @Order(1)
    void bootsWithinTheBound(KarafDistribution karaf) {
        assertThat(karaf.bootDuration()).isNotNull()
                .isLessThanOrEqualTo(Duration.ofSeconds(Long.getLong(KarafOptions.BOOT_TIMEOUT_PROPERTY, 120L)));
        assertThat(karaf.home().resolve("bin/karaf")).exists();
    }

    @Test
    @Order(2)
    void runsCommandsAndReportsTheirExitStatus(KarafDistribution karaf) {
        CommandResult version = karaf.run("system:version");
        assertThat(version.succeeded()).as("%s", version).isTrue();
        assertThat(version.output().strip()).matches("\\d+\\.\\d+\\.\\d+.*");

        // Karaf 4.4 answers a failing command with exit status 1 and prints the error on the exec
        // channel's stdout, not its stderr.
        CommandResult missing = karaf.run("no-such:command");
        assertThat(missing.exitStatus()).as("%s", missing).isNotNull().isNotZero();
        assertThat(missing.output()).contains("Command not found");
    }

    @Test
    @Order(3)
    void boundsACommandThatDoesNotFinish(KarafDistribution karaf) throws InterruptedException {
        Instant t0 = Instant.now();
        // shell:sleep takes seconds (gogo's POSIX sleep).
        assertThatThrownBy(() -> karaf.run("shell:sleep 3", Duration.ofSeconds(1)))
                .isInstanceOf(CommandTimeoutException.class);
        assertThat(Duration.between(t0, Instant.now())).isLessThan(Duration.ofSeconds(3));
        // Closing our side does not interrupt the command in Karaf; let it finish, or the stop at the
        // end interrupts it and Karaf logs that as an ERROR (InterruptedException in ShellUtil).
        Thread.sleep(Math.max(0, Duration.ofSeconds(4).minus(Duration.between(t0, Instant.now())).toMillis()));
    }

    @Test
    @Order(4)
    void listsBundles(KarafDistribution karaf) {
        CommandResult r = karaf.run(BundleList.COMMAND);
        assertThat(r.succeeded()).as("%s", r).isTrue();
        List<BundleList.Bundle> bundles = BundleList.parse(r.output());
        assertThat(bundles).as("%s", r).hasSizeGreaterThan(10);
        assertThat(bundles.get(0).id()).isZero();
        assertThat(bundles.get(0).active()).as("system bundle: %s", bundles.get(0)).isTrue();
        // The bundle that serves this very SSH session.
        assertThat(bundles).filteredOn(b -> b.symbolicName().equals("org.apache.karaf.shell.ssh"))
                .singleElement().matches(BundleList.Bundle::active, "is Active");
    }

    @Test
    @Order(5)
    void listensOnTheConfiguredLoopbackPorts(KarafDistribution karaf) {
        // SSH answered on ports().get("ssh") already; JMX must have taken the ports written into
        // org.apache.karaf.management.cfg, not 1099/44444.
        assertThat(karaf.ports()).containsKeys("ssh", "rmiRegistry", "rmiServer");
        assertThat(listening(karaf.ports().get("rmiRegistry"))).as("RMI registry port").isTrue();
        assertThat(listening(karaf.ports().get("rmiServer"))).as("RMI server port").isTrue();
    }

    @Test
    @Order(6)
    void readsKarafLog(KarafDistribution karaf) {
        // INFO entries prove the reader understands the file's pattern, so "no ERROR" is not vacuous.
        assertThat(karaf.karafLog().entries("INFO")).isNotEmpty();
        assertThat(karaf.karafLog().errors()).isEmpty();
    }

    @Test
    @Order(7)
    void stopsCleanly(KarafDistribution karaf) {
        KarafChecks.assertStopsCleanly(karaf);
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
