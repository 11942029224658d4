package org.assessmentruntime.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DigestTest {

    /** SHA-256("abc"), FIPS 180-2 test vector. */
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void computesAndPrintsSha256() {
        Digest digest = Digest.sha256("abc".getBytes(StandardCharsets.US_ASCII));

        assertThat(digest.toString()).isEqualTo("sha256:" + ABC);
        assertThat(digest.algorithm()).isEqualTo("sha256");
        assertThat(digest.hex()).isEqualTo(ABC);
    }

    @Test
    void parsesWhatItPrintsAndNormalisesUpperCase() {
        assertThat(Digest.parse("sha256:" + ABC)).isEqualTo(new Digest("sha256", ABC));
        assertThat(Digest.parse("sha256:" + ABC.toUpperCase())).isEqualTo(Digest.parse("sha256:" + ABC));
    }

    @Test
    void matchesOnlyItsOwnContent() {
        Digest digest = Digest.parse("sha256:" + ABC);

        assertThat(digest.matches("abc".getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(digest.matches("abd".getBytes(StandardCharsets.US_ASCII))).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                                     | digest is required",
            "ba7816bf                               | digest 'ba7816bf' must be written sha256:<hex>",
            "sha512:" + ABC + "                     | Digest.algorithm 'sha512' is not supported; only 'sha256' is",
            "sha256:ba7816                          | Digest.hex must be 64 hexadecimal digits, got 6 characters",
            "sha256:                                | Digest.hex is required",
            "sha256:" + "zz" + ABC + "              | Digest.hex must be 64 hexadecimal digits, got 66 characters",
    })
    void rejectsMalformedDigestsWithClearMessages(String text, String message) {
        assertThatThrownBy(() -> Digest.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void rejectsNonHexOfTheRightLength() {
        String bad = "g" + ABC.substring(1);
        assertThatThrownBy(() -> Digest.parse("sha256:" + bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Digest.hex must be 64 hexadecimal digits, got 64 characters: '" + bad + "'");
    }
}
