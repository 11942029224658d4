package org.assessmentruntime.api.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** A grant is read-only unless it says otherwise, and says so in JSON only when it is writable. */
class DirectoryGrantTest {

    /** As strict as the plugins' conformance test reads manifests. */
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    @Test
    void aManifestWithoutWritableIsReadOnlyEvenForAStrictReader() throws Exception {
        DirectoryGrant grant = STRICT.readValue("{\"hostPath\":\"/etc/ssh\",\"guestPath\":\"/ssh\"}",
                DirectoryGrant.class);

        assertThat(grant.writable()).isFalse();
        assertThat(grant).isEqualTo(new DirectoryGrant("/etc/ssh", "/ssh"));
    }

    @Test
    void writableAppearsInJsonOnlyWhenTrue() throws Exception {
        assertThat(STRICT.writeValueAsString(new DirectoryGrant("/etc", "/etc")))
                .isEqualTo("{\"hostPath\":\"/etc\",\"guestPath\":\"/etc\"}");
        String writable = STRICT.writeValueAsString(new DirectoryGrant("/srv", "/data", true));

        assertThat(writable).contains("\"writable\":true");
        assertThat(STRICT.readValue(writable, DirectoryGrant.class).writable()).isTrue();
        assertThat(new DirectoryGrant("/srv", "/data", null).writable()).isFalse();
    }
}
