package org.assessmentruntime.resultscollector.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.ComponentId;
import org.assessmentruntime.api.HealthState;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.DeliveryBacklog;
import org.assessmentruntime.api.model.ResultQuery;
import org.assessmentruntime.resultscollector.Fixtures;
import org.assessmentruntime.resultscollector.MutableClock;
import org.assessmentruntime.resultscollector.ResultStore;
import org.assessmentruntime.resultscollector.ResultStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsCollectorServiceTest {

    @TempDir
    Path karafData;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-04-01T00:00:00Z"));
    private ResultsCollectorService service;

    @AfterEach
    void deactivate() {
        if (service != null) {
            service.deactivate();
        }
    }

    @Test
    void keepsResultsUnderKarafDataByDefaultAndReportsItselfUp() throws AssessmentException {
        service = new ResultsCollectorService(config(DataDirectory.DEFAULT, 30, 512, 10_000), clock,
                karafData.toString());
        AssessmentResult result = Fixtures.load(Fixtures.SSHD_FAIL);

        service.store(result);

        assertThat(service.find(result.resultId())).isPresent();
        assertThat(service.query(ResultQuery.latest(5))).hasSize(1);
        assertThat(service.pending(5)).hasSize(1);
        assertThat(service.backlog().pending()).isEqualTo(1);
        assertThat(karafData.resolve("results").resolve(ResultStores.FILE_NAME)).exists();
        ComponentHealth health = service.health();
        assertThat(health.component()).isEqualTo(ComponentId.RESULTS_COLLECTOR);
        assertThat(health.state()).isEqualTo(HealthState.UP);
        assertThat(health.facts()).containsEntry("pending", "1").containsEntry("parked", "0")
                .containsEntry("directory", karafData.resolve("results").toString()).containsKey("oldestPending");
    }

    @Test
    void isDegradedWhenTheBacklogOrTheStoreGrowsPastItsAlarm() throws AssessmentException {
        service = new ResultsCollectorService(config(karafData.toString(), 30, 512, 1), clock, null);
        service.store(Fixtures.load(Fixtures.OS_BASELINE_PASS));
        assertThat(service.health().state()).isEqualTo(HealthState.UP);

        service.store(Fixtures.load(Fixtures.SSHD_FAIL));

        assertThat(service.health().state()).isEqualTo(HealthState.DEGRADED);
        assertThat(service.health().detail()).contains("2 results await delivery");

        // The size alarm, with a limit below what any store takes.
        try (MvResultStore store = MvResultStore.open(karafData.resolve("other"), clock)) {
            store.store(Fixtures.load(Fixtures.SSHD_FAIL));
            ComponentHealth health = CollectorHealth.of(store, new Settings("", Duration.ZERO, 1, 100,
                    Duration.ofHours(1)));
            assertThat(health.state()).isEqualTo(HealthState.DEGRADED);
            assertThat(health.detail()).contains("above its 0 MiB cap");
        }
    }

    @Test
    void isDownWithTheReasonWhileTheDirectoryIsUnusableAndRecoversOnReconfiguration() throws Exception {
        Path file = Files.writeString(karafData.resolve("not-a-directory"), "x");
        service = new ResultsCollectorService(config(file.resolve("results").toString(), 30, 512, 10_000), clock,
                null);

        assertThat(service.health().state()).isEqualTo(HealthState.DOWN);
        assertThat(service.health().detail()).contains("results cannot be stored").contains("not-a-directory");
        assertThatThrownBy(() -> service.store(Fixtures.load(Fixtures.SSHD_FAIL)))
                .isInstanceOf(AssessmentException.class).hasMessageContaining("not-a-directory");
        assertThat(service.find(UUID.randomUUID())).isEmpty();
        assertThat(service.query(ResultQuery.latest(1))).isEmpty();
        assertThat(service.backlog()).isEqualTo(new DeliveryBacklog(0, 0, null));

        service.modified(config(karafData.resolve("results").toString(), 30, 512, 10_000));

        assertThat(service.health().state()).isEqualTo(HealthState.UP);
        service.store(Fixtures.load(Fixtures.SSHD_FAIL));
    }

    @Test
    void aRelativeDirectoryIsRefusedWithAReason() {
        service = new ResultsCollectorService(config("results", 30, 512, 10_000), clock, karafData.toString());

        assertThat(service.health().state()).isEqualTo(HealthState.DOWN);
        assertThat(service.health().detail()).contains("must be an absolute path");
    }

    @Test
    void movesToANewDirectoryLiveAndReleasesTheOldOne() throws AssessmentException {
        service = new ResultsCollectorService(config(karafData.resolve("a").toString(), 30, 512, 10_000), clock, null);
        AssessmentResult first = Fixtures.load(Fixtures.SSHD_FAIL);
        service.store(first);

        service.modified(config(karafData.resolve("b").toString(), 30, 512, 10_000));

        assertThat(service.find(first.resultId())).isEmpty();
        assertThat(service.health().facts()).containsEntry("directory", karafData.resolve("b").toString());
        try (ResultStore old = ResultStores.open(karafData.resolve("a"))) {
            assertThat(old.find(first.resultId())).isPresent();
        }
    }

    @Test
    void sweepsDeliveredResultsPastTheirRetention() throws AssessmentException {
        service = new ResultsCollectorService(config(karafData.toString(), 30, 512, 10_000), clock, null);
        AssessmentResult delivered = Fixtures.load(Fixtures.SSHD_FAIL);
        AssessmentResult pending = Fixtures.load(Fixtures.OS_BASELINE_PASS);
        service.store(delivered);
        service.store(pending);
        service.markDelivered(delivered.resultId());

        clock.advance(Duration.ofDays(29));
        service.sweep();
        assertThat(service.find(delivered.resultId())).isPresent();

        clock.advance(Duration.ofDays(2));
        service.sweep();
        assertThat(service.find(delivered.resultId())).isEmpty();
        assertThat(service.find(pending.resultId())).isPresent();

        // Retention 0 keeps everything.
        service.markDelivered(pending.resultId());
        service.modified(config(karafData.toString(), 0, 512, 10_000));
        clock.advance(Duration.ofDays(400));
        service.sweep();
        assertThat(service.find(pending.resultId())).isPresent();
    }

    @Test
    void deliveryCallsReachTheStore() throws AssessmentException {
        service = new ResultsCollectorService(config(karafData.toString(), 30, 512, 10_000), clock, null);
        AssessmentResult result = Fixtures.load(Fixtures.TLS_FAIL);
        service.store(result);

        service.markFailed(result.resultId(), "503");
        service.markParked(result.resultId(), "422 invalid");
        assertThat(service.backlog().parked()).isEqualTo(1);
        service.requeue(result.resultId());
        service.markDelivered(result.resultId());

        assertThat(service.find(result.resultId()).orElseThrow().attempts()).isEqualTo(1);
        assertThat(service.backlog()).isEqualTo(new DeliveryBacklog(0, 0, null));
    }

    @Test
    void rejectsInvalidNumbers() {
        assertThatThrownBy(() -> Settings.of(config(karafData.toString(), -1, 512, 10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retentionDays");
        assertThatThrownBy(() -> Settings.of(config(karafData.toString(), 1, 0, 10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxStoreSizeMb");
    }

    @Test
    void aRejectedLiveConfigurationKeepsTheLastGoodOneAndIsReportedUntilAValidOneArrives() throws AssessmentException {
        service = new ResultsCollectorService(config(karafData.toString(), 30, 256, 10_000), clock, null);

        service.modified(config(karafData.resolve("elsewhere").toString(), 30, 0, 10_000));

        ComponentHealth health = service.health();
        assertThat(health.state()).isEqualTo(HealthState.DEGRADED);
        assertThat(health.detail()).contains("maxStoreSizeMb must be at least 1, got 0");
        assertThat(health.facts().get("configProblem")).contains("maxStoreSizeMb");
        assertThat(health.facts()).containsEntry("maxStoreSizeMb", "256")
                .containsEntry("directory", karafData.toString());
        service.store(Fixtures.load(Fixtures.SSHD_FAIL));

        service.modified(config(karafData.toString(), 30, 128, 10_000));

        assertThat(service.health().state()).isEqualTo(HealthState.UP);
        assertThat(service.health().facts()).containsEntry("configProblem", "").containsEntry("maxStoreSizeMb", "128");
    }

    @Test
    void aRejectedDeliverySettingIsReportedByTheCollectorAndDeliveryRunsOnItsDefaults() {
        service = new ResultsCollectorService(config(karafData.toString(), 30, 512, 10_000), clock, null);
        CollectorConfig wrong = config(karafData.toString(), 30, 256, 10_000, "sometimes");

        service.modified(wrong);

        assertThat(service.health().state()).isEqualTo(HealthState.DEGRADED);
        assertThat(service.health().facts().get("configProblem")).contains("batchEndpoint must be auto or off")
                .contains("delivery runs on its default settings");
        // The collector's own settings were valid and are in force.
        assertThat(service.health().facts()).containsEntry("maxStoreSizeMb", "256");
        assertThat(org.assessmentruntime.resultscollector.internal.delivery.DeliveryAccess.settings(wrong))
                .isEqualTo(org.assessmentruntime.resultscollector.internal.delivery.DeliverySettings.DEFAULTS);
    }

    @Test
    void anInvalidFirstConfigurationRunsOnTheDefaultsAndSaysWhy() throws AssessmentException {
        service = new ResultsCollectorService(config(DataDirectory.DEFAULT, -1, 512, 10_000), clock,
                karafData.toString());

        assertThat(service.health().state()).isEqualTo(HealthState.DEGRADED);
        assertThat(service.health().detail()).contains("retentionDays must be at least 0, got -1");
        service.store(Fixtures.load(Fixtures.SSHD_FAIL));
        assertThat(karafData.resolve("results").resolve(ResultStores.FILE_NAME)).exists();
    }

    @Test
    void releasesTheStoreWhenDeactivated() throws AssessmentException, IOException {
        service = new ResultsCollectorService(config(karafData.toString(), 30, 512, 10_000), clock, null);
        service.deactivate();
        service = null;

        try (ResultStore store = ResultStores.open(karafData)) {
            assertThat(store.backlog().pending()).isZero();
        }
    }

    static CollectorConfig config(String directory, int retentionDays, int maxStoreSizeMb, int backlogAlarm) {
        return config(directory, retentionDays, maxStoreSizeMb, backlogAlarm, "auto");
    }

    static CollectorConfig config(String directory, int retentionDays, int maxStoreSizeMb, int backlogAlarm,
            String batchEndpoint) {
        return new CollectorConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return CollectorConfig.class;
            }

            @Override
            public String dataDirectory() {
                return directory;
            }

            @Override
            public int retentionDays() {
                return retentionDays;
            }

            @Override
            public int maxStoreSizeMb() {
                return maxStoreSizeMb;
            }

            @Override
            public int backlogAlarmThreshold() {
                return backlogAlarm;
            }

            @Override
            public int sweepIntervalMinutes() {
                return 60;
            }

            @Override
            public int deliveryBatchSize() {
                return 100;
            }

            @Override
            public int deliveryBatchMaxBytes() {
                return 4 << 20;
            }

            @Override
            public int deliveryIntervalMillis() {
                return 1000;
            }

            @Override
            public int backoffMaxSeconds() {
                return 300;
            }

            @Override
            public String batchEndpoint() {
                return batchEndpoint;
            }

            @Override
            public int deliveryConcurrency() {
                return 4;
            }
        };
    }
}
