package org.assessmentruntime.referencecp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTest {

    @TempDir
    static Path dir;
    private static Pki pki;

    @BeforeAll
    static void createPki() {
        pki = Pki.create(dir.resolve("pki"));
    }

    private static Http client(ReferenceControlPlane cp, SSLContext context) {
        return new Http(cp.baseUri(), HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).sslContext(context).build());
    }

    @Test
    void writesPemFiles() throws IOException {
        ClientCertificate client = pki.issueClient("agent-7", dir.resolve("c/agent.pem"), dir.resolve("c/agent-key.pem"));

        assertThat(Files.readString(pki.caCertificate())).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readString(client.certificate()).split("BEGIN CERTIFICATE", -1)).as("leaf then CA").hasSize(3);
        assertThat(Files.readString(client.key())).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(client.subject()).isEqualTo("CN=agent-7");
    }

    @Test
    void mutualTlsRequiresAClientCertificate() throws Exception {
        ClientCertificate certificate = pki.issueClient("runtime-1", dir.resolve("runtime-1.pem"),
                dir.resolve("runtime-1-key.pem"));
        try (ReferenceControlPlane cp = ReferenceControlPlane.builder().client("agent", "s3cret")
                .tls(pki.serverTls()).start()) {
            assertThat(cp.baseUri().getScheme()).isEqualTo("https");

            Http anonymous = client(cp, pki.clientSslContext(null));
            assertThatThrownBy(() -> anonymous.token("agent", "s3cret")).isInstanceOf(IOException.class);

            Http withCertificate = client(cp, pki.clientSslContext(certificate));
            assertThat(withCertificate.token("agent", "s3cret").statusCode()).isEqualTo(200);
            assertThat(cp.received().clientCertificateSubjects()).containsExactly("CN=runtime-1");
        }
    }

    @Test
    void plainTlsWithoutClientAuthAndReusedCa() throws Exception {
        Pki again = Pki.create(dir.resolve("pki"));
        assertThat(again.caX509()).as("the CA in the directory is reused").isEqualTo(pki.caX509());
        try (ReferenceControlPlane cp = ReferenceControlPlane.builder().client("agent", "s3cret")
                .tls(again.serverTlsWithoutClientAuth()).start()) {
            Http http = client(cp, pki.clientSslContext(null));
            assertThat(http.token("agent", "s3cret").statusCode()).isEqualTo(200);
            assertThat(cp.received().clientCertificateSubjects()).isEmpty();
        }
    }
}
