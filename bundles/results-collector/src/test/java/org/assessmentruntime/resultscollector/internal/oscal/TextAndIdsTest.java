package org.assessmentruntime.resultscollector.internal.oscal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class TextAndIdsTest {

    @Test
    void tokensKeepLettersDigitsDotsDashesAndUnderscores() {
        assertThat(Text.token("ac-2.1")).isEqualTo("ac-2.1");
        assertThat(Text.token("AC-2(1)")).isEqualTo("AC-2-1-");
        assertThat(Text.token("Größe_1")).isEqualTo("Größe_1");
        assertThat(Text.token("1.2")).isEqualTo("_1.2");
        assertThat(Text.token("-x")).isEqualTo("_-x");
        assertThat(Text.token("")).isEqualTo("_");
    }

    @Test
    void linesLoseTheirBreaksAndHrefsTheirIllegalCharacters() {
        assertThat(Text.line("  a\n  b\r\nc ")).isEqualTo("a b c");
        assertThat(Text.line(" \n ")).isNull();
        assertThat(Text.line("  one line\t")).isEqualTo("one line");
        assertThat(Text.line("   ")).isNull();
        assertThat(Text.line("a\u2028b")).isEqualTo("a b");
        assertThat(Text.href("/etc/ssl/certs/ca.crt#1")).isEqualTo("/etc/ssl/certs/ca.crt#1");
        assertThat(Text.href("sha256:abc")).isEqualTo("sha256:abc");
        assertThat(Text.href("/srv/my file 100%.pem")).isEqualTo("/srv/my%20file%20100%25.pem");
        assertThat(Text.href("/srv/ä")).isEqualTo("/srv/ä");
    }

    @Test
    void nameBasedUuidsFollowRfc4122Version5() {
        // RFC 4122 appendix B's DNS namespace; the value Python's uuid.uuid5 gives.
        UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        assertThat(Ids.v5(dns, "python.org")).isEqualTo(UUID.fromString("886313e1-3b8a-5372-9b90-0c9aee199e5d"));
        assertThat(Ids.of("x", 1, "a")).isEqualTo(Ids.of("x", 1, "a")).isNotEqualTo(Ids.of("x", "1/a", "b"));
    }

    @Test
    void subjectsKeepOscalUuidsAndGetStableOnesOtherwise() {
        UUID v4 = UUID.randomUUID();
        UUID v3 = UUID.nameUUIDFromBytes("host".getBytes());
        assertThat(Ids.subject(v4)).isEqualTo(v4);
        assertThat(Ids.subject(v3)).isNotEqualTo(v3).isEqualTo(Ids.subject(v3));
        assertThat(Ids.subject(v3).version()).isEqualTo(5);
    }
}
