package org.assessmentruntime.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import org.assessmentruntime.api.model.JobDefinition;
import org.assessmentruntime.api.model.PluginRef;
import org.assessmentruntime.api.model.Schedule;
import org.assessmentruntime.api.model.Schedule.MissedRunPolicy;
import org.assessmentruntime.api.model.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobFilesTest {

    private static final String VALID = """
            {
              "id": "host-ssh",
              "title": "SSH hardening",
              "planId": "plan-7",
              "controlId": "cm-6",
              "tasks": [
                {
                  "id": "sshd",
                  "title": "sshd_config",
                  "schedule": {
                    "cron": "0 */15 * * * *",
                    "jitter": "PT30S",
                    "watch": ["/etc/ssh/sshd_config"],
                    "overlap": "QUEUE"
                  },
                  "activities": [
                    {
                      "id": "hardening",
                      "title": "sshd is hardened",
                      "plugin": { "name": "examples/sshd-hardening", "version": "^1.0" },
                      "configuration": { "maxAuthTries": 3, "permitRootLogin": ["no"] }
                    }
                  ]
                },
                {
                  "id": "manual",
                  "title": "on demand only",
                  "activities": [ { "id": "once", "title": "once", "plugin": { "name": "examples/os-baseline" } } ]
                }
              ]
            }
            """;

    @TempDir
    Path dir;

    private final JobFiles files = new JobFiles(ZoneId.of("Europe/Berlin"), MissedRunPolicy.RUN_ONCE);

    private Path file(String content) throws IOException {
        return Files.writeString(dir.resolve("job.json"), content);
    }

    private RejectedJobFile rejection(String content) throws IOException {
        Path file = file(content);
        JobFileException e = catchThrowableOfType(JobFileException.class, () -> files.read(file));
        assertThat(e).as("rejected").isNotNull();
        assertThat(e.rejection().file()).isEqualTo(file);
        // What operators see names the file and the field.
        assertThat(e.getMessage()).startsWith(file + ": " + e.rejection().field() + ": ");
        return e.rejection();
    }

    @Test
    void readsAValidJobAndFillsInTheConfiguredDefaults() throws Exception {
        JobDefinition job = files.read(file(VALID));

        assertThat(job.id()).isEqualTo("host-ssh");
        assertThat(job.planId()).isEqualTo("plan-7");
        Task sshd = job.task("sshd").orElseThrow();
        Schedule schedule = sshd.schedule();
        assertThat(schedule.cron()).isEqualTo("0 */15 * * * *");
        assertThat(schedule.jitter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(schedule.watch()).containsExactly("/etc/ssh/sshd_config");
        assertThat(schedule.overlap()).isEqualTo(Schedule.OverlapPolicy.QUEUE);
        assertThat(schedule.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(schedule.missedRuns()).isEqualTo(MissedRunPolicy.RUN_ONCE);
        assertThat(sshd.activities().get(0).plugin()).isEqualTo(new PluginRef("examples/sshd-hardening", "^1.0"));
        assertThat(sshd.activities().get(0).configuration()).containsEntry("maxAuthTries", 3);
        assertThat(job.task("manual").orElseThrow().schedule()).isEqualTo(Schedule.MANUAL);
    }

    @Test
    void explicitZoneAndPolicyWinOverTheDefaultsAndTheModelsDefaultsApplyWithout() throws Exception {
        String explicit = VALID.replace("\"overlap\": \"QUEUE\"",
                "\"overlap\": \"QUEUE\", \"timeZone\": \"Asia/Tokyo\", \"missedRuns\": \"SKIP\"");

        Schedule schedule = files.read(file(explicit)).task("sshd").orElseThrow().schedule();
        Schedule plain = new JobFiles().read(file(VALID)).task("sshd").orElseThrow().schedule();

        assertThat(schedule.timeZone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(schedule.missedRuns()).isEqualTo(MissedRunPolicy.SKIP);
        assertThat(plain.timeZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(plain.missedRuns()).isEqualTo(MissedRunPolicy.SKIP);
    }

    @Test
    void unknownFieldsAreRejectedWithTheirPath() throws Exception {
        RejectedJobFile top = rejection(VALID.replace("\"planId\"", "\"planID\""));
        RejectedJobFile nested = rejection(VALID.replace("\"overlap\"", "\"overlapp\""));

        assertThat(top.field()).isEqualTo("$.planID");
        assertThat(top.message()).startsWith("unknown field 'planID'; known fields: [componentId, controlId, id, planId");
        assertThat(nested.field()).isEqualTo("$.tasks[0].schedule.overlapp");
        assertThat(nested.message()).contains("unknown field 'overlapp'").contains("overlap");
    }

    @Test
    void missingRequiredFieldsAreRejectedWithTheirPath() throws Exception {
        RejectedJobFile title = rejection(VALID.replace("\"title\": \"sshd_config\",", ""));
        RejectedJobFile id = rejection(VALID.replace("\"id\": \"host-ssh\",", ""));
        RejectedJobFile plugin = rejection(VALID.replace(
                "\"plugin\": { \"name\": \"examples/sshd-hardening\", \"version\": \"^1.0\" },", ""));

        assertThat(title.field()).isEqualTo("$.tasks[0].title");
        assertThat(title.message()).isEqualTo("Task.title is required");
        assertThat(id.field()).isEqualTo("$.id");
        assertThat(plugin.field()).isEqualTo("$.tasks[0].activities[0].plugin");
        assertThat(plugin.message()).isEqualTo("Activity.plugin is required");
    }

    @Test
    void badCronExpressionsAreRejectedWithTheirPath() throws Exception {
        RejectedJobFile outOfRange = rejection(VALID.replace("0 */15 * * * *", "0 */15 25 * * *"));
        RejectedJobFile unixStyle = rejection(VALID.replace("0 */15 * * * *", "*/15 * * * *"));
        RejectedJobFile never = rejection(VALID.replace("0 */15 * * * *", "0 0 0 30 2 *"));

        assertThat(outOfRange.field()).isEqualTo("$.tasks[0].schedule.cron");
        assertThat(outOfRange.message()).contains("'0 */15 25 * * *' is not a valid cron expression").contains("25");
        assertThat(unixStyle.field()).isEqualTo("$.tasks[0].schedule.cron");
        assertThat(unixStyle.message()).contains("has 5 fields; it needs 6");
        assertThat(never.field()).isEqualTo("$.tasks[0].schedule.cron");
        assertThat(never.message()).contains("never fires");
    }

    @Test
    void badValuesAreRejectedWithTheirPath() throws Exception {
        RejectedJobFile overlap = rejection(VALID.replace("\"QUEUE\"", "\"queue\""));
        RejectedJobFile jitter = rejection(VALID.replace("\"PT30S\"", "\"30s\""));
        RejectedJobFile zone = rejection(VALID.replace("\"overlap\": \"QUEUE\"", "\"timeZone\": \"Mars/Olympus\""));
        RejectedJobFile plugin = rejection(VALID.replace("examples/sshd-hardening", "Examples/SSHD"));
        RejectedJobFile watch = rejection(VALID.replace("/etc/ssh/sshd_config", "etc/ssh/sshd_config"));

        assertThat(overlap.field()).isEqualTo("$.tasks[0].schedule.overlap");
        assertThat(overlap.message()).contains("queue").contains("QUEUE").doesNotContain("org.assessmentruntime");
        assertThat(jitter.field()).isEqualTo("$.tasks[0].schedule.jitter");
        assertThat(zone.field()).isEqualTo("$.tasks[0].schedule.timeZone");
        assertThat(plugin.field()).isEqualTo("$.tasks[0].activities[0].plugin.name");
        assertThat(plugin.message()).contains("namespace/name in lower case");
        assertThat(watch.field()).isEqualTo("$.tasks[0].schedule.watch");
        assertThat(watch.message()).contains("must be absolute");
    }

    @Test
    void malformedDocumentsAreRejected() throws Exception {
        RejectedJobFile syntax = rejection("{\n  \"id\": \"x\",\n  \"title\" \"missing colon\"\n}");
        RejectedJobFile duplicate = rejection(VALID.replace("\"planId\": \"plan-7\",", "\"planId\": \"a\", \"planId\": \"b\","));
        RejectedJobFile empty = rejection("");
        RejectedJobFile array = rejection("[]");
        RejectedJobFile trailing = rejection(VALID + "{}");

        assertThat(syntax.field()).isEqualTo("$.title");
        assertThat(syntax.message()).startsWith("is not valid JSON at line 3, column");
        assertThat(duplicate.field()).isEqualTo("$.planId");
        assertThat(duplicate.message()).contains("Duplicate field 'planId'");
        assertThat(empty.field()).isEqualTo("$");
        assertThat(empty.message()).contains("is empty");
        assertThat(array.message()).contains("must be a JSON object");
        assertThat(trailing.field()).isEqualTo("$");
        assertThat(trailing.message()).contains("is not valid JSON").contains("more after the job's closing brace");
    }

    @Test
    void unreadableFilesAreRejected() {
        Path missing = dir.resolve("missing.json");

        assertThatThrownBy(() -> files.read(missing)).isInstanceOf(JobFileException.class)
                .hasMessageStartingWith(missing + ": $: cannot be read");
    }

    @Test
    void jobFilesAreVisibleJsonFiles() {
        assertThat(JobFiles.isJobFile(Path.of("/etc/jobs/host-ssh.json"))).isTrue();
        assertThat(JobFiles.isJobFile(Path.of("/etc/jobs/.host-ssh.json"))).isFalse();
        assertThat(JobFiles.isJobFile(Path.of("/etc/jobs/host-ssh.json~"))).isFalse();
        assertThat(JobFiles.isJobFile(Path.of("/etc/jobs/README.md"))).isFalse();
    }

    @Test
    void schedulesFiringMoreOftenThanTheMinimumAreRejectedWithTheirPath() throws Exception {
        String micro = VALID.replace("\"cron\": \"0 */15 * * * *\"", "\"interval\": \"PT0.000001S\"");
        RejectedJobFile interval = rejection(micro);
        assertThat(interval.field()).isEqualTo("$.tasks[0].schedule.interval");
        assertThat(interval.message()).isEqualTo("'PT0.000001S' is shorter than the minimum interval of 1 s "
                + "(the scheduler's minIntervalSeconds)");
        // Exactly the minimum is fine; so is a cron expression, which fires at most once a second.
        assertThat(files.read(file(VALID.replace("\"cron\": \"0 */15 * * * *\"", "\"interval\": \"PT1S\""))))
                .isNotNull();
        assertThat(files.read(file(VALID.replace("0 */15 * * * *", "* * * * * *")))).isNotNull();

        JobFiles minutely = new JobFiles(ZoneOffset.UTC, MissedRunPolicy.SKIP, Duration.ofMinutes(1));
        Path everyTenSeconds = file(VALID.replace("0 */15 * * * *", "*/10 * * * * *"));
        assertThatThrownBy(() -> minutely.read(everyTenSeconds)).isInstanceOf(JobFileException.class)
                .hasMessageContaining("$.tasks[0].schedule.cron: '*/10 * * * * *' fires 10 s apart")
                .hasMessageContaining("minimum interval of 60 s");
        assertThat(minutely.read(file(VALID))).isNotNull();
        assertThatThrownBy(() -> new JobFiles(ZoneOffset.UTC, MissedRunPolicy.SKIP, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theShippedExampleJobsAreValid() throws Exception {
        Path examples = Path.of(System.getProperty("examples.jobs.dir", "../../etc/jobs"));
        List<Path> paths;
        try (Stream<Path> list = Files.list(examples)) {
            paths = list.filter(JobFiles::isJobFile).sorted().toList();
        }
        JobFiles defaults = new JobFiles();

        assertThat(paths).extracting(p -> p.getFileName().toString())
                .containsExactly("host-login-defs.json", "host-os.json", "host-pwquality.json", "host-ssh.json",
                        "host-sysctl.json", "host-tls.json");
        for (Path path : paths) {
            JobDefinition job = defaults.read(path);
            assertThat(path.getFileName().toString()).isEqualTo(job.id() + ".json");
            job.tasks().forEach(t -> t.activities().forEach(a -> {
                assertThat(a.plugin().name()).startsWith("examples/");
                assertThat(a.plugin().version()).isEqualTo("^1.0");
            }));
        }
        Schedule ssh = defaults.read(examples.resolve("host-ssh.json")).tasks().get(0).schedule();
        assertThat(ssh.cron()).isEqualTo("0 0 */6 * * *");
        assertThat(ssh.watch()).containsExactly("/etc/ssh/sshd_config");
        Schedule os = defaults.read(examples.resolve("host-os.json")).tasks().get(0).schedule();
        assertThat(os.cron()).isEqualTo("0 0 6 * * *");
        assertThat(os.missedRuns()).isEqualTo(MissedRunPolicy.RUN_ONCE);
        Schedule tls = defaults.read(examples.resolve("host-tls.json")).tasks().get(0).schedule();
        assertThat(tls.interval()).isEqualTo(Duration.ofHours(12));
        assertThat(tls.watch()).containsExactly("/etc/ssl/certs");
    }

    @Test
    void aJobFromElsewhereIsReadAsAJobFileIsWithTheSameJsonPathsAndMessages() {
        JobFiles files = new JobFiles();
        assertThat(files.parse(VALID.getBytes(java.nio.charset.StandardCharsets.UTF_8)).id()).isNotBlank();
        String typo = VALID.replace("\"planId\"", "\"planid\"");
        assertThatThrownBy(() -> files.parse(typo.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("$.planid: unknown field 'planid'; known fields: [");
        assertThatThrownBy(() -> files.parse("{\"id\": ".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not valid JSON at line 1");
    }
}
