package org.assessmentruntime.authentication.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.assessmentruntime.api.AuthenticationException;
import org.junit.jupiter.api.Test;

class TokenRepliesTest {

    private final TokenReplies replies = new TokenReplies();

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsTheGrant() throws Exception {
        TokenGrant grant = replies.parse(200, json(
                "{\"access_token\":\"eyJ.abc.def\",\"token_type\":\"Bearer\",\"expires_in\":86400}"));

        assertThat(grant.accessToken()).isEqualTo("eyJ.abc.def");
        assertThat(grant.expiresIn()).isEqualTo(Duration.ofDays(1));
        assertThat(grant.toString()).doesNotContain("eyJ.abc.def");
    }

    @Test
    void namesWhatIsWrongWithoutQuotingTheBody() {
        assertThatThrownBy(() -> replies.parse(200, json("{\"token_type\":\"Bearer\",\"expires_in\":60}")))
                .hasMessage("the token endpoint's reply has no access_token");
        assertThatThrownBy(() -> replies.parse(200, json(
                "{\"access_token\":\"secret-tok\",\"token_type\":\"secret-tok\",\"expires_in\":60}")))
                .hasMessage("the token endpoint's reply has a token_type other than Bearer");
        assertThatThrownBy(() -> replies.parse(200, json("[\"secret-tok\"]")))
                .hasMessage("the token endpoint's reply is not a JSON object");
        assertThatThrownBy(() -> replies.parse(200, json("{\"access_token\":\"secret-tok\"")))
                .hasMessageStartingWith("the token endpoint's reply is not JSON")
                .hasMessageNotContaining("secret-tok");
        assertThatThrownBy(() -> replies.parse(503, json("secret-tok")))
                .hasMessage("the token endpoint answered HTTP 503 instead of 200")
                .satisfies(e -> assertThat(((AuthenticationException) e).credentialsRejected()).isFalse());
    }

    @Test
    void tellsRejectedFromRefusedCredentials() {
        assertThatThrownBy(() -> replies.parse(401, new byte[0]))
                .isInstanceOf(TokenRefusedException.class)
                .hasMessageStartingWith("client credentials rejected")
                .satisfies(e -> assertThat(((TokenRefusedException) e).status()).isEqualTo(401));
        assertThatThrownBy(() -> replies.parse(403, new byte[0]))
                .isInstanceOf(TokenRefusedException.class)
                .hasMessageContaining("revoked or expired, or the agent is inactive")
                .satisfies(e -> assertThat(((TokenRefusedException) e).credentialsRejected()).isTrue());
    }

    @Test
    void clampsAHostileLifetimeInsteadOfOverflowingOrRenewingAtOnce() throws Exception {
        for (String expiresIn : new String[] {"9e18", "9223372036854775807", "1e400"}) {
            assertThat(replies.parse(200, json("{\"access_token\":\"t\",\"expires_in\":" + expiresIn + "}"))
                    .expiresIn()).as(expiresIn).isEqualTo(TokenReplies.MAX_LIFETIME);
        }
        for (String expiresIn : new String[] {"-5", "0", "-9e18", "\"x\"", "\"3600\"", "null", "{}"}) {
            assertThat(replies.parse(200, json("{\"access_token\":\"t\",\"expires_in\":" + expiresIn + "}"))
                    .expiresIn()).as(expiresIn).isEqualTo(TokenReplies.ASSUMED_LIFETIME);
        }
        assertThat(replies.parse(200, json("{\"access_token\":\"t\"}")).expiresIn())
                .isEqualTo(TokenReplies.ASSUMED_LIFETIME);
        assertThat(replies.parse(200, json("{\"access_token\":\"t\",\"expires_in\":0.2}")).expiresIn())
                .isEqualTo(TokenReplies.SHORTEST_LIFETIME);
        assertThat(replies.parse(200, json("{\"access_token\":\"t\",\"expires_in\":3600}")).expiresIn())
                .isEqualTo(Duration.ofHours(1));
    }
}
