package org.assessmentruntime.authentication.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

import org.assessmentruntime.referencecp.ClientCertificate;
import org.assessmentruntime.referencecp.Pki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsMaterialTest {

    @TempDir
    Path dir;

    private Settings settings(Object... keyValues) {
        return Settings.resolve(Configs.of(keyValues), name -> null);
    }

    @Test
    void readsTheIssuedCertificateChainKeyAndCaBundle() throws Exception {
        Pki pki = Pki.create(dir.resolve("pki"));
        ClientCertificate client = pki.issueClient("agent-1", dir.resolve("c.pem"), dir.resolve("k.pem"));

        TlsMaterial m = TlsMaterial.load(settings("clientCertificate", client.certificate().toString(), "clientKey",
                client.key().toString(), "caBundle", pki.caCertificate().toString()));

        assertThat(m.chain()).hasSize(2);
        assertThat(TlsMaterial.subject(m.clientCertificate())).isEqualTo("CN=agent-1");
        assertThat(m.trusted()).containsExactly(pki.caX509());
        assertThat(m.newContext().getProtocol()).isEqualTo("TLS");
        assertThat(m.toString()).contains("key=***").doesNotContain(m.key().toString());
    }

    @Test
    void aKeyOfAnotherCertificateIsRejected() {
        Pki pki = Pki.create(dir.resolve("pki"));
        ClientCertificate one = pki.issueClient("one", dir.resolve("1.pem"), dir.resolve("1-key.pem"));
        ClientCertificate two = pki.issueClient("two", dir.resolve("2.pem"), dir.resolve("2-key.pem"));

        assertThatThrownBy(() -> TlsMaterial.load(settings("clientCertificate", one.certificate().toString(),
                "clientKey", two.key().toString())))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageStartingWith("clientKey: ")
                .hasMessageContaining("is not the key of the certificate");
    }

    @Test
    void pkcs1AndSec1KeysGetAnOpensslHint() throws Exception {
        Pki pki = Pki.create(dir.resolve("pki"));
        ClientCertificate client = pki.issueClient("agent", dir.resolve("c.pem"), dir.resolve("k.pem"));
        Path rsa = Files.writeString(dir.resolve("rsa.pem"),
                "-----BEGIN RSA PRIVATE KEY-----\nTUlJQ2RnSUJBREFOQmdrcWhraUc5dzBCQVFF\n-----END RSA PRIVATE KEY-----\n");

        assertThatThrownBy(() -> TlsMaterial.load(settings("clientCertificate", client.certificate().toString(),
                "clientKey", rsa.toString())))
                .hasMessageStartingWith("clientKey: ")
                .hasMessageContaining("'RSA PRIVATE KEY'")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt -in " + rsa)
                .hasMessageNotContaining("TUlJQ2RnSUJBREFOQmdrcWhraUc5dzBCQVFF");
    }

    @Test
    void missingOrEmptyFilesNameTheKey() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here");
        Pki pki = Pki.create(dir.resolve("pki"));
        ClientCertificate client = pki.issueClient("agent", dir.resolve("c.pem"), dir.resolve("k.pem"));

        assertThatThrownBy(() -> TlsMaterial.load(settings("caBundle", dir.resolve("nope.pem").toString())))
                .hasMessageStartingWith("caBundle: cannot read");
        assertThatThrownBy(() -> TlsMaterial.load(settings("caBundle", empty.toString())))
                .hasMessageStartingWith("caBundle: ").hasMessageContaining("holds no PEM certificate");
        assertThatThrownBy(() -> TlsMaterial.load(settings("clientCertificate", client.certificate().toString(),
                "clientKey", empty.toString())))
                .hasMessageStartingWith("clientKey: ").hasMessageContaining("holds no PEM private key");
    }

    @Test
    void readsAPkcs12KeystoreAndReportsAWrongPassword() throws Exception {
        Pki pki = Pki.create(dir.resolve("pki"));
        ClientCertificate client = pki.issueClient("p12-agent", dir.resolve("c.pem"), dir.resolve("k.pem"));
        PrivateKey key = Pem.privateKey("clientKey", client.key());
        X509Certificate[] chain = Pem.certificates("clientCertificate", client.certificate())
                .toArray(new X509Certificate[0]);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("agent", key, "changeit".toCharArray(), (Certificate[]) chain);
        Path p12 = dir.resolve("client.p12");
        try (OutputStream out = Files.newOutputStream(p12)) {
            store.store(out, "changeit".toCharArray());
        }

        TlsMaterial m = TlsMaterial.load(settings("clientKeystore", p12.toString(), "clientKeystorePassword",
                "changeit"));

        assertThat(TlsMaterial.subject(m.clientCertificate())).isEqualTo("CN=p12-agent");
        assertThatThrownBy(() -> TlsMaterial.load(settings("clientKeystore", p12.toString(),
                "clientKeystorePassword", "wrong-pw")))
                .hasMessageStartingWith("clientKeystore: cannot read the PKCS12 key store")
                .hasMessageNotContaining("wrong-pw");
    }
}
