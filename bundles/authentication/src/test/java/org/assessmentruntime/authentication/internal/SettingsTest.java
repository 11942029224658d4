package org.assessmentruntime.authentication.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

import org.assessmentruntime.api.RemoteConfigMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    private static final Function<String, String> NO_ENV = name -> null;

    @TempDir
    Path dir;

    @Test
    void emptyConfigurationIsStandaloneWithDefaults() {
        Settings s = Settings.resolve(Configs.of(), NO_ENV);

        assertThat(s.connected()).isFalse();
        assertThat(s.hasCredentials()).isFalse();
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.heartbeatInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.configPollInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.remoteConfig()).isEqualTo(RemoteConfigMode.APPLY);
        assertThat(s.tokenRefreshBefore()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.warnings()).isEmpty();
    }

    @Test
    void environmentWinsOverConfigurationAndAssessmentVariablesOverCcfOnes() {
        Map<String, String> env = Map.of("ASSESSMENT_CONTROL_PLANE_URL", "https://a.example.com/",
                "CCF_API_URL", "https://ccf.example.com", "CCF_API_AUTH_CLIENT_ID", "ccf-id",
                "CCF_API_AUTH_CLIENT_SECRET", "ccf-secret", "ASSESSMENT_REMOTE_CONFIG", "report-only");

        Settings s = Settings.resolve(Configs.of("url", "https://cfg.example.com", "clientId", "cfg-id",
                "clientSecret", "cfg-secret", "remoteConfig", "off"), env::get);

        assertThat(s.url()).contains(URI.create("https://a.example.com"));
        assertThat(s.clientId()).isEqualTo("ccf-id");
        assertThat(s.clientSecret()).isEqualTo("ccf-secret");
        assertThat(s.remoteConfig()).isEqualTo(RemoteConfigMode.REPORT_ONLY);
    }

    @Test
    void ccfVariablesAloneConnectWithoutAnyConfiguration() {
        Map<String, String> env = Map.of("CCF_API_URL", "http://127.0.0.1:8080", "CCF_API_AUTH_CLIENT_ID", "id",
                "CCF_API_AUTH_CLIENT_SECRET", "s3cret");

        Settings s = Settings.resolve(Configs.of(), env::get);

        assertThat(s.url()).contains(URI.create("http://127.0.0.1:8080"));
        assertThat(s.hasCredentials()).isTrue();
        assertThat(s.warnings()).isEmpty();
    }

    @Test
    void secretFileIsTrimmedAndEnvironmentSecretBeatsIt() throws Exception {
        Path file = Files.writeString(dir.resolve("secret"), "  from-file\n");

        assertThat(Settings.resolve(Configs.of("clientId", "id", "clientSecretFile", file.toString()), NO_ENV)
                .clientSecret()).isEqualTo("from-file");
        assertThat(Settings.resolve(Configs.of("clientId", "id", "clientSecretFile", file.toString()),
                Map.of("ASSESSMENT_CLIENT_SECRET_FILE", file.toString())::get).clientSecret()).isEqualTo("from-file");
        assertThat(Settings.resolve(Configs.of("clientId", "id", "clientSecretFile", file.toString()),
                Map.of("ASSESSMENT_CLIENT_SECRET", "from-env")::get).clientSecret()).isEqualTo("from-env");
    }

    @Test
    void unreadableSecretFileNamesTheKey() {
        assertThatThrownBy(() -> Settings.resolve(Configs.of("clientId", "id", "clientSecretFile",
                dir.resolve("missing").toString()), NO_ENV))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageStartingWith("clientSecretFile: cannot read the secret file");
    }

    @Test
    void invalidUrlsAreRejectedNamingTheKeyWithoutEchoingCredentials() {
        assertThatThrownBy(() -> Settings.resolve(Configs.of("url", "ftp://cp.example.com"), NO_ENV))
                .hasMessageStartingWith("url: the URL must start with https://");
        assertThatThrownBy(() -> Settings.resolve(Configs.of("url", "https://cp example.com"), NO_ENV))
                .hasMessageStartingWith("url: not a valid URL");
        assertThatThrownBy(() -> Settings.resolve(Configs.of("url", "https://user:pa55word@cp.example.com"), NO_ENV))
                .hasMessageStartingWith("url: the URL must not carry credentials")
                .hasMessageNotContaining("pa55word");
        assertThatThrownBy(() -> Settings.resolve(Configs.of(), Map.of("ASSESSMENT_CONTROL_PLANE_URL", "cp.example.com")::get))
                .hasMessageStartingWith("url (from ASSESSMENT_CONTROL_PLANE_URL): the URL must start with https://");
    }

    @Test
    void plainHttpToAnotherHostIsRefusedUnlessExplicitlyAllowed() {
        assertThatThrownBy(() -> Settings.resolve(Configs.of("url", "http://cp.example.com"), NO_ENV))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("url: http://cp.example.com is plain http to a host other than this machine")
                .hasMessageContaining("allowInsecureHttp");
        // No DNS decides it: a name that resolves to loopback is still another host.
        assertThatThrownBy(() -> Settings.resolve(Configs.of("url", "http://127.0.0.1.nip.io"), NO_ENV))
                .isInstanceOf(InvalidSettingsException.class);
        assertThatThrownBy(() -> Settings.resolve(Configs.of(), Map.of("CCF_API_URL", "http://10.0.0.7:8080")::get))
                .hasMessageStartingWith("url (from CCF_API_URL): http://10.0.0.7:8080 is plain http");

        Settings allowed = Settings.resolve(Configs.of("url", "http://cp.example.com", "allowInsecureHttp", true),
                NO_ENV);
        Settings local = Settings.resolve(Configs.of("url", "http://localhost:8080"), NO_ENV);
        Settings loopback = Settings.resolve(Configs.of("url", "http://127.0.0.1:8080"), NO_ENV);
        Settings loopback6 = Settings.resolve(Configs.of("url", "http://[::1]:8080"), NO_ENV);

        assertThat(allowed.warnings()).singleElement().asString().contains("travel in clear");
        assertThat(local.warnings()).isEmpty();
        assertThat(loopback.warnings()).isEmpty();
        assertThat(loopback6.warnings()).isEmpty();
    }

    @Test
    void replyLimitsHaveDefaultsAndBounds() {
        Settings s = Settings.resolve(Configs.of(), NO_ENV);
        assertThat(s.tokenReplyLimit()).isEqualTo(new ReplyLimit(64 * 1024, "maxTokenReplyKiB"));
        assertThat(s.configReplyLimit()).isEqualTo(new ReplyLimit(4096 * 1024, "maxConfigReplyKiB"));
        assertThat(s.replyLimit()).isEqualTo(new ReplyLimit(1024 * 1024, "maxReplyKiB"));
        assertThatThrownBy(() -> Settings.resolve(Configs.of("maxReplyKiB", 0), NO_ENV))
                .hasMessage("maxReplyKiB: 0 is outside 1..65536 KiB");
        assertThatThrownBy(() -> Settings.resolve(Configs.of("maxConfigReplyKiB", 65537), NO_ENV))
                .hasMessage("maxConfigReplyKiB: 65537 is outside 1..65536 KiB");
    }

    @Test
    void connectionsHaveADefaultAndBounds() {
        assertThat(Settings.resolve(Configs.of(), NO_ENV).maxConnections()).isEqualTo(8);
        assertThat(Settings.resolve(Configs.of("maxConnections", 64), NO_ENV).maxConnections()).isEqualTo(64);
        assertThatThrownBy(() -> Settings.resolve(Configs.of("maxConnections", 0), NO_ENV))
                .hasMessage("maxConnections: 0 is outside 1..64");
        assertThatThrownBy(() -> Settings.resolve(Configs.of("maxConnections", 65), NO_ENV))
                .hasMessage("maxConnections: 65 is outside 1..64");
    }

    @Test
    void configPollBelowFifteenSecondsIsRaisedWithAWarning() {
        Settings s = Settings.resolve(Configs.of("configPollIntervalSeconds", 5), NO_ENV);

        assertThat(s.configPollInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(s.warnings()).singleElement().asString().startsWith("configPollIntervalSeconds: 5 is below");
    }

    @Test
    void inconsistentCredentialsAndBadValuesNameTheKey() {
        assertThatThrownBy(() -> Settings.resolve(Configs.of("clientId", "id"), NO_ENV))
                .hasMessageStartingWith("clientId: a client id is set but no client secret");
        assertThatThrownBy(() -> Settings.resolve(Configs.of("clientSecret", "s3cret"), NO_ENV))
                .hasMessageStartingWith("clientId: a client secret is set but no client id")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> Settings.resolve(Configs.of("remoteConfig", "sometimes"), NO_ENV))
                .hasMessageStartingWith("remoteConfig: remote configuration mode 'sometimes'");
        assertThatThrownBy(() -> Settings.resolve(Configs.of("connectTimeoutSeconds", 0), NO_ENV))
                .hasMessageStartingWith("connectTimeoutSeconds: 0 is below the minimum");
        assertThatThrownBy(() -> Settings.resolve(Configs.of("clientCertificate", "/x/cert.pem"), NO_ENV))
                .hasMessageContaining("clientCertificate and clientKey must be set together");
    }

    @Test
    void toStringMasksTheSecret() {
        Settings s = Settings.resolve(Configs.of("url", "https://cp.example.com", "clientId", "id", "clientSecret",
                "very-secret-value"), NO_ENV);

        assertThat(s.toString()).contains("clientId=id", "clientSecret=***").doesNotContain("very-secret-value");
    }
}
