package org.assessmentruntime.heartbeat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.assessmentruntime.api.HeartbeatResult;
import org.junit.jupiter.api.Test;


class RepliesTest {

    private static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");
    private final Replies replies = new Replies();

    @Test
    void every2xxIsDelivered() {
        assertThat(replies.fromReply(AT, 201, new byte[0])).isEqualTo(new HeartbeatResult(AT, true, ""));
        assertThat(replies.fromReply(AT, 204, null).delivered()).isTrue();
        assertThat(replies.fromReply(AT, 200, bytes("{\"data\":{}}")).delivered()).isTrue();
    }

    @Test
    void anErrorNamesTheCodeAndTheServersReason() {
        HeartbeatResult result = replies.fromReply(AT, 400, bytes("{\"errors\":{\"UUID\":\"required\"}}"));

        assertThat(result.delivered()).isFalse();
        assertThat(result.at()).isEqualTo(AT);
        assertThat(result.detail()).isEqualTo("HTTP 400 Bad Request: UUID: required");
        assertThat(replies.fromReply(AT, 415, bytes("{\"errors\":{\"body\":\"unsupported media type\"}}")).detail())
                .isEqualTo("HTTP 415 Unsupported Media Type: unsupported media type");
    }

    @Test
    void aBodyThatIsNotTheControlPlanesErrorIsLeftOutAndLongReasonsAreCut() {
        assertThat(replies.fromReply(AT, 502, bytes("<html><body>Bad gateway</body></html>")).detail())
                .isEqualTo("HTTP 502 Bad Gateway");
        assertThat(replies.fromReply(AT, 418, null).detail()).isEqualTo("HTTP 418");
        String longReason = "x".repeat(5000);
        assertThat(replies.fromReply(AT, 500, bytes("{\"errors\":{\"body\":\"" + longReason + "\"}}")).detail())
                .startsWith("HTTP 500 Internal Server Error: xxx").hasSize(Replies.MAX_DETAIL);
    }

    @Test
    void aMissingStatusOrAConnectionErrorIsNotDelivered() {
        assertThat(replies.fromReply(AT, null, null).delivered()).isFalse();
        HeartbeatResult failed = replies.fromFailure(AT,
                new RuntimeException("wrapped", new ConnectException("Connection refused")));
        assertThat(failed.delivered()).isFalse();
        assertThat(failed.detail()).isEqualTo("no reply: ConnectException: Connection refused");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
