package org.assessmentruntime.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import org.assessmentruntime.api.model.Schedule.MissedRunPolicy;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static SchedulerConfig config(String jobsDirectory, int workers, String zone, String missedRuns,
            int queued) {
        return config(jobsDirectory, workers, zone, missedRuns, queued, 1);
    }

    private static SchedulerConfig config(String jobsDirectory, int workers, String zone, String missedRuns,
            int queued, long minInterval) {
        return new SchedulerConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SchedulerConfig.class;
            }

            @Override
            public String jobsDirectory() {
                return jobsDirectory;
            }

            @Override
            public int workerPoolSize() {
                return workers;
            }

            @Override
            public String defaultTimeZone() {
                return zone;
            }

            @Override
            public String defaultMissedRuns() {
                return missedRuns;
            }

            @Override
            public int maxQueuedRuns() {
                return queued;
            }

            @Override
            public long runnerWaitSeconds() {
                return 60;
            }

            @Override
            public long minIntervalSeconds() {
                return minInterval;
            }
        };
    }

    @Test
    void defaultsResolveAgainstKarafsDirectories() {
        String etc = System.getProperty("karaf.etc");
        String data = System.getProperty("karaf.data");
        System.setProperty("karaf.etc", "/opt/runtime/etc");
        System.setProperty("karaf.data", "/opt/runtime/data");
        try {
            Settings settings = Settings.from(config("", 2, "UTC", "SKIP", 1));

            assertThat(settings.jobsDirectory()).isEqualTo(Path.of("/opt/runtime/etc/jobs"));
            assertThat(settings.stateDirectory()).isEqualTo(Path.of("/opt/runtime/data/scheduler"));
            assertThat(settings.defaultTimeZone()).isEqualTo(ZoneId.of("UTC"));
            assertThat(settings.defaultMissedRuns()).isEqualTo(MissedRunPolicy.SKIP);
        } finally {
            restore("karaf.etc", etc);
            restore("karaf.data", data);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Test
    void explicitValuesAreTaken() {
        Settings settings = Settings.from(config("/srv/jobs", 4, "Europe/Berlin", "run_once", 3));

        assertThat(settings.jobsDirectory()).isEqualTo(Path.of("/srv/jobs"));
        assertThat(settings.workerPoolSize()).isEqualTo(4);
        assertThat(settings.defaultTimeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(settings.defaultMissedRuns()).isEqualTo(MissedRunPolicy.RUN_ONCE);
        assertThat(settings.maxQueuedRuns()).isEqualTo(3);
        assertThat(Settings.from(config("", 1, "system", "SKIP", 0)).defaultTimeZone()).isEqualTo(ZoneId.systemDefault());
    }

    @Test
    void invalidValuesNameTheAttribute() {
        assertThatThrownBy(() -> Settings.from(config("", 2, "Mars/Olympus", "SKIP", 1)))
                .hasMessageContaining("defaultTimeZone 'Mars/Olympus'");
        assertThatThrownBy(() -> Settings.from(config("", 2, "UTC", "ALWAYS", 1)))
                .hasMessageContaining("defaultMissedRuns 'ALWAYS' must be SKIP or RUN_ONCE");
        assertThatThrownBy(() -> Settings.from(config("", 0, "UTC", "SKIP", 1)))
                .hasMessageContaining("workerPoolSize must be at least 1");
        assertThatThrownBy(() -> Settings.from(config("", 1, "UTC", "SKIP", -1)))
                .hasMessageContaining("maxQueuedRuns must not be negative");
        // The floor of the minimum interval: configuration may raise it, never lower it below a second.
        assertThatThrownBy(() -> Settings.from(config("", 1, "UTC", "SKIP", 1, 0)))
                .hasMessageContaining("minIntervalSeconds must be at least 1, got 0");
        assertThat(Settings.from(config("", 1, "UTC", "SKIP", 1, 60)).minInterval()).hasSeconds(60);
        assertThat(Settings.from(config("", 1, "UTC", "SKIP", 1)).jobFiles().minInterval()).hasSeconds(1);
    }

    @Test
    void resolveKeepsTheFallbackOfEachRejectedValueNamingItsKeyAndTakesTheValidOnes() {
        Settings previous = Settings.from(config("/srv/jobs", 3, "Europe/Berlin", "SKIP", 1));

        Settings.Resolved resolved = Settings.resolve(Configs.of(Map.of("jobsDirectory", "/srv/other",
                "workerPoolSize", 0, "defaultMissedRuns", "ALWAYS", "maxQueuedRuns", 5, "runnerWaitSeconds", -1L,
                "minIntervalSeconds", 0L)), previous);

        assertThat(resolved.problems()).containsExactly(
                "workerPoolSize must be at least 1, got 0 (keeping 3)",
                "defaultMissedRuns 'ALWAYS' must be SKIP or RUN_ONCE (keeping SKIP)",
                "runnerWaitSeconds must be at least 0, got -1 (keeping PT1M)",
                "minIntervalSeconds must be at least 1, got 0 (keeping PT1S)");
        Settings settings = resolved.settings();
        assertThat(settings.workerPoolSize()).isEqualTo(3);
        assertThat(settings.runnerWait()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.jobsDirectory()).isEqualTo(Path.of("/srv/other"));
        assertThat(settings.maxQueuedRuns()).isEqualTo(5);
        assertThat(settings.defaultTimeZone()).as("the declared default, valid").isEqualTo(ZoneId.of("UTC"));
        assertThat(settings.stateDirectory()).isEqualTo(previous.stateDirectory());
        assertThat(Settings.resolve(config("", 2, "UTC", "SKIP", 1), previous).problems()).isEmpty();
    }

    @Test
    void defaultsAreTheDeclaredOnes() {
        Settings defaults = Settings.defaults();

        assertThat(defaults.workerPoolSize()).isEqualTo(2);
        assertThat(defaults.maxQueuedRuns()).isEqualTo(1);
        assertThat(defaults.runnerWait()).hasSeconds(60);
        assertThat(defaults.defaultMissedRuns()).isEqualTo(MissedRunPolicy.SKIP);
    }
}
