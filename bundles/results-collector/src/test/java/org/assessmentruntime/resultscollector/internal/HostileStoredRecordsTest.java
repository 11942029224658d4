package org.assessmentruntime.resultscollector.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.HealthState;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.LogEntry;
import org.assessmentruntime.api.model.ResultQuery;
import org.assessmentruntime.api.model.StoredResult;
import org.assessmentruntime.resultscollector.Fixtures;
import org.assessmentruntime.resultscollector.MutableClock;
import org.assessmentruntime.resultscollector.OscalExporter;
import org.assessmentruntime.resultscollector.RunSummary;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Records a plugin (a blank stderr line) or damage left in the store: every reader skips what it cannot
 * read, counts it and goes on, instead of failing the whole query, summary, export or delivery round.
 */
class HostileStoredRecordsTest {

    @TempDir
    Path directory;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-04-01T00:00:00Z"));

    @Test
    void aResultStoredWithoutItsBlankLogMessageIsReadAgain() throws Exception {
        AssessmentResult blank = withLogs(Fixtures.load(Fixtures.SSHD_ERROR),
                List.of(new LogEntry(LogEntry.Level.ERROR, "", null)));
        try (MvResultStore store = MvResultStore.open(directory, clock)) {
            store.store(blank);
        }
        // What earlier runtimes wrote for it: the empty message left out.
        ObjectNode json = Json.MAPPER.valueToTree(blank);
        ((ObjectNode) json.withArray("logs").get(0)).remove("message");
        rewrite("results", 0, Json.MAPPER.writeValueAsBytes(json));

        try (MvResultStore store = MvResultStore.open(directory, clock)) {
            List<StoredResult> found = store.query(ResultQuery.latest(10));

            assertThat(found).extracting(s -> s.result().resultId()).containsExactly(blank.resultId());
            assertThat(found.get(0).result().logs()).containsExactly(new LogEntry(LogEntry.Level.ERROR, "", null));
            assertThat(store.unreadable()).isZero();
        }
    }

    @Test
    void everyReaderSkipsAndCountsAnUnreadableRecord() throws Exception {
        UUID run = UUID.randomUUID();
        AssessmentResult a = Fixtures.variant(Fixtures.SSHD_FAIL, run, "job", clock.instant().minusSeconds(30));
        AssessmentResult damaged = Fixtures.variant(Fixtures.OS_BASELINE_PASS, run, "job",
                clock.instant().minusSeconds(20));
        AssessmentResult damagedEntry = Fixtures.variant(Fixtures.TLS_FAIL, run, "job",
                clock.instant().minusSeconds(10));
        AssessmentResult c = Fixtures.variant(Fixtures.SSHD_ERROR, run, "job", clock.instant());
        try (MvResultStore store = MvResultStore.open(directory, clock)) {
            for (AssessmentResult result : List.of(a, damaged, damagedEntry, c)) {
                store.store(result);
            }
        }
        rewrite("results", 1, "{\"resultId\": 42, garbage".getBytes(StandardCharsets.UTF_8));
        rewrite("entries", 2, new byte[] {(byte) 0xff, 0, 1});

        ResultsCollectorService collector = new ResultsCollectorService(
                ResultsCollectorServiceTest.config(directory.toString(), 30, 512, 10_000), clock, null);
        try {
            List<StoredResult> latest = collector.query(ResultQuery.latest(10));
            assertThat(latest).extracting(s -> s.result().resultId()).containsExactly(c.resultId(), a.resultId());
            assertThat(collector.query(new ResultQuery("job", null, null, null, null, 10))).hasSize(2);
            assertThat(collector.find(damaged.resultId())).isEmpty();
            assertThat(collector.pending(10)).extracting(s -> s.result().resultId())
                    .containsExactly(a.resultId(), c.resultId());
            // Run summaries and the export come from the rest.
            assertThat(RunSummary.of(latest.stream().map(StoredResult::result).toList()))
                    .singleElement().satisfies(summary -> assertThat(summary.total()).isEqualTo(2));
            assertThat(new OscalExporter().export(latest.stream().map(StoredResult::result).toList())).isNotNull();
            // Delivery gets the readable ones with their bodies and the damaged one with the reason, to park.
            List<Outgoing> outgoing = collector.outgoing(Outbox.FIRST, 10, r -> new byte[] {'{', '}'});
            assertThat(outgoing).extracting(Outgoing::resultId)
                    .containsExactly(a.resultId(), damaged.resultId(), c.resultId());
            assertThat(outgoing.get(1).error()).contains("not readable");
            // Two records, each counted once however often it was met.
            assertThat(collector.unreadable()).isEqualTo(2);
            ComponentHealth health = collector.health();
            assertThat(health.state()).isEqualTo(HealthState.DEGRADED);
            assertThat(health.detail()).contains("2 unreadable stored results skipped");
            assertThat(health.facts()).containsEntry("unreadable", "2");
            // Storing goes on.
            collector.store(Fixtures.load(Fixtures.SENSITIVE_FILES_PASS));
            assertThat(collector.query(ResultQuery.latest(10))).hasSize(3);
        } finally {
            collector.deactivate();
        }
        try (MvResultStore store = MvResultStore.open(directory, clock)) {
            assertThat(store.run(run)).extracting(s -> s.result().resultId())
                    .containsExactly(a.resultId(), c.resultId());
            assertThat(store.unreadable()).isEqualTo(2);
        }
    }

    /** Overwrites one record of a map, as damage or an older runtime would have left it. */
    private void rewrite(String map, long seq, byte[] bytes) {
        MVStore raw = new MVStore.Builder().fileName(directory.resolve(MvResultStore.FILE_NAME).toString()).open();
        try {
            raw.openMap(map, new MVMap.Builder<Long, byte[]>().keyType(LongDataType.INSTANCE)
                    .valueType(ByteArrayDataType.INSTANCE)).put(seq, bytes);
            raw.commit();
        } finally {
            raw.close();
        }
    }

    private static AssessmentResult withLogs(AssessmentResult r, List<LogEntry> logs) {
        return r.toBuilder().logs(logs).build();
    }
}
