package org.assessmentruntime.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * The samples are the shell module's real output (StatusCommand and its Json writer run on a status
 * with every component), so BootIT's parsing is checked against what the runtime prints.
 */
class StatusOutputTest {

    @Test
    void tableListsEveryComponent() throws IOException {
        String table = resource("status.txt");
        assertThat(StatusOutput.missingFromTable(table)).isEmpty();
        String withoutCamel = table.replaceAll("(?m)^camel .*\\n", "");
        assertThat(StatusOutput.missingFromTable(withoutCamel)).containsExactly("camel");
    }

    @Test
    void tableRowMustStartWithTheId() {
        // "plugin-manager" in a Detail column is not a row for plugin-manager.
        assertThat(StatusOutput.missingFromTable("scheduler | ACTIVE | waits for plugin-manager\n"))
                .contains("plugin-manager").doesNotContain("scheduler");
    }

    @Test
    void jsonHasOneEntryPerComponentMappedFromEnumNames() throws IOException {
        assertThat(StatusOutput.componentIdsFromJson(resource("status.json")))
                .containsExactlyElementsOf(StatusOutput.COMPONENTS);
    }

    @Test
    void jsonAcceptsIdsAndATopLevelArray() {
        assertThat(StatusOutput.componentIdsFromJson("[{\"component\":{\"id\":\"job-runner\"}},{\"id\":\"camel\"}]"))
                .containsExactly("job-runner", "camel");
    }

    @Test
    void rejectsWhatIsNotStatusJson() {
        assertThatThrownBy(() -> StatusOutput.componentIdsFromJson("Command not found: assessment:status"))
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> StatusOutput.componentIdsFromJson("{\"version\":\"1\"}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = StatusOutputTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
