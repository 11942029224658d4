package org.assessmentruntime.referencecp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryTest {

    @TempDir
    Path dir;
    private ReferenceControlPlane cp;
    private Http http;

    @BeforeEach
    void start() throws Exception {
        Path registry = Files.createDirectories(dir.resolve("registry/plugins/ssh/1.0.0"));
        Files.writeString(registry.resolve("plugin.json"), "{\"name\":\"ssh\"}");
        Files.write(registry.resolve("plugin.wasm"), new byte[] {0, 'a', 's', 'm'});
        Files.writeString(dir.resolve("secret.txt"), "outside");
        cp = ReferenceControlPlane.builder().registry(dir.resolve("registry")).start();
        http = new Http(cp.baseUri());
    }

    @AfterEach
    void stop() {
        cp.close();
    }

    @Test
    void servesFilesWithoutToken() throws Exception {
        HttpResponse<String> manifest = http.get("/registry/plugins/ssh/1.0.0/plugin.json", null);
        HttpResponse<byte[]> wasm = http.client.send(http.request("/registry/plugins/ssh/1.0.0/plugin.wasm").GET()
                .build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(manifest.statusCode()).isEqualTo(200);
        assertThat(manifest.body()).isEqualTo("{\"name\":\"ssh\"}");
        assertThat(manifest.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(wasm.body()).containsExactly(0, 'a', 's', 'm');
        assertThat(wasm.headers().firstValue("Content-Type")).hasValue("application/wasm");
        assertThat(http.get("/registry/plugins/ssh/1.0.0/missing.json", null).statusCode()).isEqualTo(404);
        assertThat(http.get("/registry/plugins/ssh", null).statusCode()).as("directories are not listed").isEqualTo(404);
    }

    @Test
    void refusesPathTraversal() throws Exception {
        assertThat(rawGet("/registry/../secret.txt")).startsWith("HTTP/1.1 404");
        assertThat(rawGet("/registry/plugins/../../secret.txt")).startsWith("HTTP/1.1 404");
        assertThat(rawGet("/registry/%2e%2e/secret.txt")).startsWith("HTTP/1.1 404");
        assertThat(rawGet("/registry/..%2fsecret.txt")).startsWith("HTTP/1.1 404");
        assertThat(rawGet("/registry/plugins/ssh/1.0.0/plugin.json")).startsWith("HTTP/1.1 200");
    }

    @Test
    void noRegistryConfiguredIs404() throws Exception {
        try (ReferenceControlPlane none = ReferenceControlPlane.builder().start()) {
            assertThat(new Http(none.baseUri()).get("/registry/plugins/ssh/1.0.0/plugin.json", null).statusCode())
                    .isEqualTo(404);
        }
    }

    /** Sends the path verbatim: HTTP clients would normalise the dots away. */
    private String rawGet(String path) throws Exception {
        try (Socket socket = new Socket(cp.baseUri().getHost(), cp.baseUri().getPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder response = new StringBuilder();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                response.append(line).append('\n');
            }
            assertThat(response.toString()).doesNotContain("outside");
            return response.toString();
        }
    }
}
