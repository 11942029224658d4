package org.assessmentruntime.resultscollector.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.HealthState;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.LogEntry;
import org.assessmentruntime.resultscollector.Fixtures;
import org.assessmentruntime.resultscollector.MutableClock;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin (or a long outage) filling the disk with results: {@code maxStoreSizeMb} is a cap on the
 * bytes of the results held, counted as they are written. Above it the oldest delivered results go
 * first; undelivered ones are never dropped, and with only them left the store keeps storing and says so.
 */
class HostileStoreSizeTest {

    private static final long CAP = 1 << 20;

    @TempDir
    Path directory;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-04-01T00:00:00Z"));
    private final Random random = new Random(11);
    private ResultsCollectorService service;

    @AfterEach
    void deactivate() {
        if (service != null) {
            service.deactivate();
        }
    }

    @Test
    void theOldestDeliveredResultsAreDroppedDownToTheCapAndNoUndeliveredOne() throws Exception {
        service = new ResultsCollectorService(ResultsCollectorServiceTest.config(directory.toString(), 0, 1, 10_000),
                clock, null);
        List<UUID> delivered = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            delivered.add(service.store(big()).result().resultId());
        }
        assertThat(store().contentBytes()).isGreaterThan(2 * CAP);
        service.markDelivered(delivered);
        List<UUID> pending = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            pending.add(service.store(big()).result().resultId());
        }

        // Storing above the cap queued a shrink in the background; this one waits for it, or does it.
        service.shrink();

        assertThat(store().contentBytes()).isLessThanOrEqualTo(CAP);
        assertThat(pending).allSatisfy(id -> assertThat(service.find(id)).isPresent());
        List<Boolean> kept = delivered.stream().map(id -> service.find(id).isPresent()).toList();
        // Oldest first: what is kept of the delivered results is their newest end.
        assertThat(kept).startsWith(false).isSorted();
        assertThat(service.health().state()).isEqualTo(HealthState.UP);
        // The count is kept in the store, and is what a recount finds.
        long counted = store().contentBytes();
        service.deactivate();
        service = null;
        try (MvResultStore reopened = MvResultStore.open(directory, clock)) {
            assertThat(reopened.contentBytes()).isEqualTo(counted);
        }
        MVStore raw = new MVStore.Builder().fileName(file().toString()).open();
        raw.removeMap("stats");
        raw.close();
        try (MvResultStore recounted = MvResultStore.open(directory, clock)) {
            assertThat(recounted.contentBytes()).isEqualTo(counted);
        }
    }

    @Test
    void undeliveredResultsAreNeverDroppedTheStoreGrowsAndSaysSo() throws Exception {
        service = new ResultsCollectorService(ResultsCollectorServiceTest.config(directory.toString(), 0, 1, 10_000),
                clock, null);
        List<UUID> pending = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            pending.add(service.store(big()).result().resultId());
        }

        service.shrink();
        pending.add(service.store(big()).result().resultId());

        assertThat(pending).allSatisfy(id -> assertThat(service.find(id)).isPresent());
        assertThat(store().contentBytes()).isGreaterThan(CAP);
        ComponentHealth health = service.health();
        assertThat(health.state()).isEqualTo(HealthState.DEGRADED);
        assertThat(health.detail()).contains("above its 1 MiB cap (maxStoreSizeMb)").contains("holds only undelivered results (13 "
                + "await delivery, 0 are parked), which are never dropped");
    }

    private MvResultStore store() {
        return service.currentStore();
    }

    private Path file() {
        return directory.resolve(MvResultStore.FILE_NAME);
    }

    /** A result of about 200 KiB that does not compress much: a plugin logging noise. */
    private AssessmentResult big() throws AssessmentException {
        AssessmentResult r = Fixtures.variant(Fixtures.OS_BASELINE_PASS, UUID.randomUUID(), "flood", clock.instant());
        byte[] noise = new byte[150 * 1024];
        random.nextBytes(noise);
        List<LogEntry> logs = List.of(new LogEntry(LogEntry.Level.INFO, Base64.getEncoder().encodeToString(noise),
                null));
        return r.toBuilder().logs(logs).build();
    }
}
