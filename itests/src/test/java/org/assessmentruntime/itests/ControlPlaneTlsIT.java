package org.assessmentruntime.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.assessmentruntime.itests.harness.CommandResult;
import org.assessmentruntime.itests.harness.ControlPlanes;
import org.assessmentruntime.itests.harness.KarafDistribution;
import org.assessmentruntime.itests.harness.KarafExtension;
import org.assessmentruntime.referencecp.ClientCertificate;
import org.assessmentruntime.referencecp.Pki;
import org.assessmentruntime.referencecp.ReferenceControlPlane;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Mutual TLS with the control plane, configured in etc/org.assessmentruntime.controlplane.cfg: the runtime
 * trusts the control plane through the configured CA bundle only, presents the client certificate issued to
 * it, and picks up a rotated certificate from the same files without a restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ControlPlaneTlsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT_ID = UUID.randomUUID().toString();
    private static final String CLIENT_SECRET = "tls-s3cr3t-" + UUID.randomUUID();

    private static final Path PKI_DIR = tempDir();
    private static final Pki PKI = Pki.create(PKI_DIR);
    private static final Path CERT = PKI_DIR.resolve("client.pem");
    private static final Path KEY = PKI_DIR.resolve("client-key.pem");
    private static final Path SECRET = secretFile();
    private static final ClientCertificate FIRST = PKI.issueClient("runtime-first", CERT, KEY);
    private static final ReferenceControlPlane CP = ControlPlanes.started(ReferenceControlPlane.builder()
            .client(CLIENT_ID, CLIENT_SECRET).tls(PKI.serverTls()));

    @RegisterExtension
    static final KarafExtension KARAF = new KarafExtension(options -> options
            .config("org.assessmentruntime.controlplane", "url", CP.baseUri().toString())
            .config("org.assessmentruntime.controlplane", "clientId", CLIENT_ID)
            .config("org.assessmentruntime.controlplane", "clientSecretFile", SECRET.toString())
            .config("org.assessmentruntime.controlplane", "clientCertificate", CERT.toString())
            .config("org.assessmentruntime.controlplane", "clientKey", KEY.toString())
            .config("org.assessmentruntime.controlplane", "caBundle", PKI.caCertificate().toString())
            .config("org.assessmentruntime.controlplane", "heartbeatIntervalSeconds", "1"));

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("assessment-pki-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path secretFile() {
        try {
            return Files.writeString(PKI_DIR.resolve("client-secret"), CLIENT_SECRET + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopControlPlane() {
        CP.close();
    }

    @Test
    @Order(1)
    void theRuntimeTalksMutualTlsWithItsIssuedCertificate(KarafDistribution karaf) throws Exception {
        assertThat(CP.baseUri().getScheme()).isEqualTo("https");
        assertThat(CP.received().awaitHeartbeats(2, Duration.ofSeconds(60))).as("heartbeats over mTLS").isTrue();
        assertThat(CP.received().clientCertificateSubjects()).isNotEmpty()
                .allSatisfy(s -> assertThat(s).contains("runtime-first"));
        CommandResult status = karaf.awaitCommand("assessment:status", r -> r.output().contains("All components are up"),
                Duration.ofSeconds(60));
        assertThat(status.output()).as("%s", status).contains("All components are up");
    }

    @Test
    @Order(2)
    void aRotatedClientCertificateIsPickedUpWithoutARestart(KarafDistribution karaf) throws Exception {
        ClientCertificate second = PKI.issueClient("runtime-second", CERT, KEY);
        assertThat(second.subject()).isNotEqualTo(FIRST.subject());
        int before = CP.received().clientCertificateSubjects().size();
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            List<String> subjects = CP.received().clientCertificateSubjects();
            if (subjects.subList(before, subjects.size()).stream().anyMatch(s -> s.contains("runtime-second"))) {
                break;
            }
            assertThat(Instant.now()).as("rotated certificate not presented within 60 s: %s", subjects)
                    .isBefore(deadline);
            Thread.sleep(500);
        }
        JsonNode beat = JSON.readTree(karaf.run("assessment:heartbeat --json").output());
        assertThat(beat.path("delivered").asBoolean()).as("%s", beat).isTrue();
    }

    @Test
    @Order(3)
    void noErrorsWereLogged(KarafDistribution karaf) throws IOException {
        assertThat(karaf.karafLog().errors()).as("ERROR entries in %s", karaf.karafLog().file()).isEmpty();
        assertThat(Files.readString(karaf.karafLog().file())).doesNotContain(CLIENT_SECRET);
    }
}
