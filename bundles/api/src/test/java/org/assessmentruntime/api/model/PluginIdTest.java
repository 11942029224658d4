package org.assessmentruntime.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PluginIdTest {

    @Test
    void parsesAndPrints() {
        PluginId id = PluginId.parse("acme/ssh-config@1.4.0-rc.1");

        assertThat(id).isEqualTo(new PluginId("acme/ssh-config", "1.4.0-rc.1"));
        assertThat(id.toString()).isEqualTo("acme/ssh-config@1.4.0-rc.1");
    }

    @Test
    void ordersBySemverPrecedence() {
        // The example of semver.org, rule 11, plus numeric comparison beyond one digit.
        List<String> ordered = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.2.0", "1.10.0", "2.0.0");
        List<PluginId> ids = new ArrayList<>(ordered.stream().map(v -> new PluginId("acme/x", v)).toList());
        Collections.shuffle(ids, new java.util.Random(7));

        Collections.sort(ids);

        assertThat(ids).extracting(PluginId::version).containsExactlyElementsOf(ordered);
        assertThat(new PluginId("acme/a", "9.0.0")).isLessThan(new PluginId("acme/b", "1.0.0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ssh", "Acme/ssh", "acme/../ssh", "../etc", "acme/ssh/extra", "/acme/ssh", "acme/-ssh",
            "acme/ssh "})
    void rejectsBadNames(String name) {
        assertThatThrownBy(() -> new PluginId(name, "1.0.0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("PluginId.name '" + name + "' must be namespace/name in lower case");
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1.0.0", "1.0", "1.0.0+build.5", "01.0.0", "1.0.0-", "latest"})
    void rejectsVersionsThatAreNotExact(String version) {
        assertThatThrownBy(() -> new PluginId("acme/x", version))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("PluginId.version '" + version + "' must be a semantic version");
    }

    @Test
    void refParsesWithAndWithoutConstraint() {
        assertThat(PluginRef.parse("acme/x")).isEqualTo(new PluginRef("acme/x", "*"));
        assertThat(PluginRef.parse("acme/x@ ^1.2 ")).isEqualTo(new PluginRef("acme/x", "^1.2"));
        assertThat(PluginRef.parse("acme/x@>=1.0 <2").toString()).isEqualTo("acme/x@>=1.0 <2");
        assertThatThrownBy(() -> PluginRef.parse("acme@1.0.0"))
                .hasMessageStartingWith("PluginRef.name 'acme' must be namespace/name");
        assertThatThrownBy(() -> PluginId.parse("acme/x"))
                .hasMessage("plugin id 'acme/x' must be namespace/name@version");
    }
}
