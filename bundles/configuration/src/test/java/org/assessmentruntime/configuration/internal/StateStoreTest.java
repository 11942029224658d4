package org.assessmentruntime.configuration.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.assessmentruntime.configuration.internal.SyncState.Baseline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:15:30Z"), ZoneOffset.UTC);

    @Test
    void keepsEverythingAcrossInstances() throws Exception {
        SyncState state = new SyncState(7, "\"r7-abc\"", Json.MAPPER.readTree("{\"config\":{\"p\":{\"k\":1}}}"),
                "2026-11-25T10:00:00Z", Instant.parse("2026-11-25T10:01:00Z"),
                Map.of("p", new Baseline(true, Map.of()).with("k", "local").with("absent", null)
                        .with("list", new String[] { "a", "b" }).with("n", 5)));

        new StateStore(dir, clock).save(state);
        SyncState loaded = new StateStore(dir, clock).load();

        assertThat(loaded.revision()).isEqualTo(7);
        assertThat(loaded.etag()).isEqualTo("\"r7-abc\"");
        assertThat(loaded.overlay()).isEqualTo(state.overlay());
        assertThat(loaded.appliedAt()).isEqualTo(state.appliedAt());
        Map<String, com.fasterxml.jackson.databind.JsonNode> values = loaded.baselines().get("p").values();
        assertThat(PropertyCodec.decode(values.get("k"))).isEqualTo("local");
        assertThat(PropertyCodec.decode(values.get("absent"))).isNull();
        assertThat((String[]) PropertyCodec.decode(values.get("list"))).containsExactly("a", "b");
        assertThat(PropertyCodec.decode(values.get("n"))).isEqualTo(5);
        assertThat(Files.list(dir)).extracting(p -> p.getFileName().toString()).containsExactly(StateStore.FILE);
    }

    @Test
    void noFileIsRevisionZero() {
        assertThat(new StateStore(dir, clock).load()).isEqualTo(SyncState.EMPTY);
    }

    @Test
    void aCorruptFileIsMovedAsideAndTheRuntimeStartsOver() throws Exception {
        Files.writeString(dir.resolve(StateStore.FILE), "{\"revision\": 3, \"etag\": ");

        SyncState state = new StateStore(dir, clock).load();

        assertThat(state.revision()).isZero();
        assertThat(state.etag()).isEmpty();
        assertThat(dir.resolve(StateStore.FILE)).doesNotExist();
        assertThat(dir.resolve("state.json.corrupt-2026-11-25T10-15-30Z")).hasContent("{\"revision\": 3, \"etag\": ");
    }

    @Test
    void aFileOfTheWrongShapeIsCorruptToo() throws Exception {
        Files.writeString(dir.resolve(StateStore.FILE), "{\"revision\": -1}");
        assertThat(new StateStore(dir, clock).load()).isEqualTo(SyncState.EMPTY);

        Files.writeString(dir.resolve(StateStore.FILE),
                "{\"revision\": 1, \"baselines\": {\"p\": {\"existed\": true, \"values\": {\"k\": {\"type\": \"Thread\", \"value\": 1}}}}}");
        assertThat(new StateStore(dir, clock).load()).isEqualTo(SyncState.EMPTY);
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()).toList())
                .allMatch(name -> name.startsWith("state.json.corrupt-"));
    }

    @Test
    void propertyValuesKeepTheirJavaType() {
        for (Object value : List.of("s", 1, 2L, (short) 3, (byte) 4, 5.5d, 6.5f, true, 'c', new int[] { 1, 2 },
                new Long[] { 3L }, List.of("x", "y"))) {
            Object back = PropertyCodec.decode(PropertyCodec.encode(value));
            assertThat(back).as(String.valueOf(value)).isEqualTo(value);
            assertThat(back.getClass()).isEqualTo(value instanceof List ? java.util.ArrayList.class : value.getClass());
        }
    }
}
