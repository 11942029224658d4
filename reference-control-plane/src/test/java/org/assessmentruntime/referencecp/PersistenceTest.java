package org.assessmentruntime.referencecp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceTest {

    @TempDir
    Path data;

    @Test
    void dedupeSurvivesARestartWithDataDirectory() throws Exception {
        ObjectNode evidence = Evidence.withResult("stream-1/result-1");
        int port;
        try (ReferenceControlPlane cp = ReferenceControlPlane.builder().requireToken(false).dataDirectory(data).start()) {
            port = cp.baseUri().getPort();
            assertThat(new Http(cp.baseUri()).post("/api/evidence", null, evidence).statusCode()).isEqualTo(201);
            assertThat(cp.received().evidence()).hasSize(1);
        }
        try (ReferenceControlPlane restarted = ReferenceControlPlane.builder().requireToken(false)
                .dataDirectory(data).port(port).start()) {
            Http http = new Http(restarted.baseUri());
            assertThat(restarted.baseUri().getPort()).isEqualTo(port);
            assertThat(http.post("/api/evidence", null, evidence).statusCode()).isEqualTo(201);
            assertThat(http.post("/api/evidence", null, Evidence.withResult("stream-1/result-2")).statusCode())
                    .isEqualTo(201);

            assertThat(restarted.received().duplicateEvidence()).isEqualTo(1);
            assertThat(restarted.received().resultIds()).containsExactly("stream-1/result-2");
        }
    }

    @Test
    void withoutDataDirectoryARestartForgets() throws Exception {
        ObjectNode evidence = Evidence.withResult("r");
        for (int i = 0; i < 2; i++) {
            try (ReferenceControlPlane cp = ReferenceControlPlane.builder().requireToken(false).start()) {
                new Http(cp.baseUri()).post("/api/evidence", null, evidence);
                assertThat(cp.received().duplicateEvidence()).isZero();
                assertThat(cp.received().evidence()).hasSize(1);
            }
        }
    }
}
