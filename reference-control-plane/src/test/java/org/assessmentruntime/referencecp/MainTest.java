package org.assessmentruntime.referencecp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MainTest {

    @TempDir
    Path dir;

    private static Main parse(String... args) {
        Main main = new Main();
        new CommandLine(main).parseArgs(args);
        return main;
    }

    @Test
    void startsWithClientsAndPrintsWhatItAccepts() throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        try (ReferenceControlPlane cp = parse("--port", "0", "--client", "agent:s3cret", "--client", "b:c",
                "--token-lifetime", "60").start(out)) {
            Http http = new Http(cp.baseUri());
            assertThat(cp.clients()).containsExactlyInAnyOrder("agent", "b");
            assertThat(Http.json(http.token("agent", "s3cret")).get("expires_in").asLong()).isEqualTo(60);
            String printed = output.toString(StandardCharsets.UTF_8);
            assertThat(printed).contains(cp.baseUri().toString()).contains("agent").doesNotContain("s3cret");
            assertThat(printed.lines().filter(l -> l.contains("POST /api/auth/agent/token -> 200"))).hasSize(1);
        }
    }

    @Test
    void tlsDirectoryServesMutualTls() throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Path tls = dir.resolve("tls");
        try (ReferenceControlPlane cp = parse("--port", "0", "--tls-dir", tls.toString())
                .start(new PrintStream(output, true, StandardCharsets.UTF_8))) {
            assertThat(cp.baseUri().getScheme()).isEqualTo("https");
            assertThat(tls.resolve("client.pem")).exists();
            assertThat(Files.readString(tls.resolve("client-key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
            assertThat(output.toString(StandardCharsets.UTF_8)).contains(tls.resolve("client.pem").toString())
                    .contains("clients: none");
        }
    }

    @Test
    void rejectsMalformedClient() {
        assertThatThrownBy(() -> parse("--port", "0", "--client", "nocolon").start(System.out))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("ID:SECRET");
    }
}
