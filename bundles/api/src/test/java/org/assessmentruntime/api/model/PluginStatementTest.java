package org.assessmentruntime.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The signed statement binds name, version, module and manifest; pins of a plugin reference. */
class PluginStatementTest {

    private static final byte[] MODULE = { 0, 'a', 's', 'm', 1, 0, 0, 0 };
    private static final byte[] MANIFEST = "{\"name\": \"acme/x\"}".getBytes(StandardCharsets.UTF_8);

    private final ObjectMapper mapper = Fixtures.mapper();

    @Test
    void theCanonicalTextNamesEveryBoundField() {
        PluginStatement statement = PluginStatement.of("acme/x", "1.2.0", MODULE, MANIFEST);
        assertThat(statement.text()).isEqualTo("assessment-plugin-signature/v2\nname: acme/x\nversion: 1.2.0\n"
                + "module-sha256: " + Digest.sha256(MODULE).hex() + "\nmanifest-sha256: "
                + Digest.sha256(MANIFEST).hex() + "\n");
    }

    @Test
    void aSignatureVerifiesOnlyForTheSameNameVersionModuleAndManifest() throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        PluginStatement statement = PluginStatement.of("acme/x", "1.2.0", MODULE, MANIFEST);
        String signature = statement.sign(key.getPrivate());

        assertThat(statement.verify(key.getPublic(), signature)).isEqualTo(PluginStatement.Verdict.VALID);
        assertThat(statement.verify(other.getPublic(), signature)).isEqualTo(PluginStatement.Verdict.INVALID);
        assertThat(PluginStatement.of("acme/y", "1.2.0", MODULE, MANIFEST).verify(key.getPublic(), signature))
                .isEqualTo(PluginStatement.Verdict.INVALID);
        assertThat(PluginStatement.of("acme/x", "1.3.0", MODULE, MANIFEST).verify(key.getPublic(), signature))
                .isEqualTo(PluginStatement.Verdict.INVALID);
        assertThat(PluginStatement.of("acme/x", "1.2.0", MODULE, "{}".getBytes(StandardCharsets.UTF_8))
                .verify(key.getPublic(), signature)).isEqualTo(PluginStatement.Verdict.INVALID);
        assertThat(statement.verify(key.getPublic(), "not base64!")).isEqualTo(PluginStatement.Verdict.INVALID);
    }

    @Test
    void aV1SignatureOverTheModuleDigestIsRecognisedAsRetired() throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Signature v1 = Signature.getInstance("Ed25519");
        v1.initSign(key.getPrivate());
        v1.update(HexFormat.of().parseHex(Digest.sha256(MODULE).hex()));
        String signature = Base64.getEncoder().encodeToString(v1.sign());
        assertThat(PluginStatement.of("acme/x", "1.2.0", MODULE, MANIFEST).verify(key.getPublic(), signature))
                .isEqualTo(PluginStatement.Verdict.RETIRED_V1);
        assertThat(PluginStatement.retiredMessage("acme/x@1.2.0")).contains("retired v1 format",
                "re-sign it with assessment-cli plugin sign");
    }

    @Test
    void aSignatureFileRoundTripsAndAV1FileReadsAsRetired() throws Exception {
        PluginStatement statement = PluginStatement.of("acme/x", "1.2.0", MODULE, MANIFEST);
        PluginSignature file = PluginSignature.of(statement, "release", "c2ln");
        String json = mapper.writeValueAsString(file);
        assertThat(json).contains("\"format\":\"assessment-plugin-signature/v2\"",
                "\"moduleDigest\":\"sha256:" + statement.moduleDigest().hex());
        assertThat(mapper.readValue(json, PluginSignature.class)).isEqualTo(file);
        assertThat(file.retired()).isFalse();
        PluginSignature v1 = mapper.readValue("{\"sha256\": \"" + statement.moduleDigest().hex() + "\","
                + " \"signature\": \"c2ln\", \"keyId\": \"k\", \"manifestSha256\": null,"
                + " \"manifestSignature\": \"c2ln\"}", PluginSignature.class);
        assertThat(v1.retired()).isTrue();
    }

    @Test
    void aReferenceMayPinADigestWrittenEitherWayAndASource() throws Exception {
        String hex = Digest.sha256(MODULE).hex();
        PluginRef bare = mapper.readValue("{\"name\": \"acme/x\", \"digest\": \"" + hex.toUpperCase() + "\","
                + " \"source\": \"REGISTRY\"}", PluginRef.class);
        assertThat(bare.digest()).isEqualTo(Digest.sha256(MODULE));
        assertThat(bare.source()).isEqualTo(InstalledPlugin.Source.REGISTRY);
        assertThat(bare.version()).isEqualTo(PluginRef.ANY);
        assertThat(bare.toString()).isEqualTo("acme/x@* pinned to sha256:" + hex + " and source registry");
        assertThat(mapper.readValue("{\"name\": \"acme/x\", \"digest\": \"sha256:" + hex + "\"}", PluginRef.class)
                .digest()).isEqualTo(Digest.sha256(MODULE));
        assertThat(mapper.readValue(mapper.writeValueAsString(bare), PluginRef.class)).isEqualTo(bare);
        assertThat(mapper.writeValueAsString(new PluginRef("acme/x", "^1.0")))
                .isEqualTo("{\"name\":\"acme/x\",\"version\":\"^1.0\"}");
        assertThatThrownBy(() -> mapper.readValue("{\"name\": \"acme/x\", \"digest\": \"abc\"}", PluginRef.class))
                .hasMessageContaining("PluginRef.digest 'abc'");
    }
}
