package org.assessmentruntime.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HttpSettingsTest {

    @Test
    void theShippedDefaultsAreLoopbackOnlyWithoutLogin() {
        HttpSettings settings = HttpSettings.of(TestConfigs.http(false, "none"));

        assertThat(settings).isEqualTo(HttpSettings.DEFAULTS);
        assertThat(HttpSettings.of(TestConfigs.http(false, " Basic ")).basicAuth()).isTrue();
    }

    @Test
    void aValueOutOfRangeIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> HttpSettings.of(TestConfigs.http(false, "digest")))
                .hasMessageContaining("authentication").hasMessageContaining("digest");
        assertThatThrownBy(() -> HttpSettings.of(TestConfigs.http(false, "none", 100, 0)))
                .hasMessageContaining("maxLimit");
        assertThatThrownBy(() -> HttpSettings.of(TestConfigs.http(false, "none", 100, 20_000)))
                .hasMessageContaining("maxLimit");
        assertThatThrownBy(() -> HttpSettings.of(TestConfigs.http(false, "none", 50, 20)))
                .hasMessageContaining("defaultLimit");
    }
}
