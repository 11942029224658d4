package org.assessmentruntime.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class AccessTokenTest {

    @Test
    void neverPrintsTheToken() {
        AccessToken token = new AccessToken("eyJhbGciOiJFZERTQSJ9.secret", Instant.parse("2026-11-26T00:00:00Z"));

        assertThat(token.toString()).isEqualTo("AccessToken[value=***, expiresAt=2026-11-26T00:00:00Z]");
        assertThat(token.authorizationHeader()).isEqualTo("Bearer eyJhbGciOiJFZERTQSJ9.secret");
        assertThatThrownBy(() -> new AccessToken("", Instant.EPOCH)).hasMessage("AccessToken.value is required");
    }

    @Test
    void authenticationExceptionTellsRejectionFromOutage() {
        assertThat(new AuthenticationException("403 agent inactive", true, null).credentialsRejected()).isTrue();
        assertThat(new AuthenticationException("connect timed out", false, null).credentialsRejected()).isFalse();
    }
}
