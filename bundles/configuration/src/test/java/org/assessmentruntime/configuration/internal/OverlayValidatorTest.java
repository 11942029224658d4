package org.assessmentruntime.configuration.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.assessmentruntime.api.model.JobDefinition;
import org.assessmentruntime.api.model.Schedule;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class OverlayValidatorTest {

    private final OverlayValidator validator = new OverlayValidator(Fakes.schemas());

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    @Test
    void typesValuesAsTheMetatypeSays() throws Exception {
        ValidatedOverlay overlay = validator.validate(json("""
                {"config": {
                   "org.assessmentruntime.jobrunner": {"serviceWaitSeconds": 120, "maxStderrKiB": null},
                   "org.assessmentruntime.scheduler": {"workerPoolSize": 4, "defaultMissedRuns": "RUN_ONCE"},
                                      "org.assessmentruntime.resultscollector": {"tags": ["a", "b,c"]}
                 }}"""), java.util.Map.of());

        assertThat(overlay.config().get("org.assessmentruntime.jobrunner")).containsExactlyEntriesOf(
                java.util.Map.of("serviceWaitSeconds", 120L));
        assertThat(overlay.config().get("org.assessmentruntime.scheduler"))
                .containsEntry("workerPoolSize", 4).containsEntry("defaultMissedRuns", "RUN_ONCE");
        assertThat((String[]) overlay.config().get("org.assessmentruntime.resultscollector").get("tags"))
                .containsExactly("a", "b,c");
        // The effective overlay has no nulls and sorted keys; its digest is stable.
        assertThat(overlay.effective().toString()).doesNotContain("null").doesNotContain("maxStderrKiB");
        assertThat(overlay.digest()).matches("sha256:[0-9a-f]{64}");
    }

    @Test
    void digestIgnoresKeyOrderAndNulls() throws Exception {
        String a = validator.validate(json("""
                {"config": {"org.assessmentruntime.jobrunner": {"serviceWaitSeconds": 1, "maxStderrKiB": 2}}}"""),
                java.util.Map.of()).digest();
        String b = validator.validate(json("""
                {"jobs": null, "config": {"org.assessmentruntime.jobrunner": {"maxStderrKiB": 2, "maxStdoutKiB": null,
                 "serviceWaitSeconds": 1}}}"""), java.util.Map.of()).digest();

        assertThat(a).isEqualTo(b);
    }

    @Test
    void rejectsTheWholeOverlayNamingEveryProblem() throws Exception {
        JsonNode overlay = json("""
                {"config": {
                   "org.assessmentruntime.jobrunner": {"serviceWaitSeconds": "soon", "maxStderrKiB": 0},
                   "org.assessmentruntime.scheduler": {"workerPoolSize": 4, "noSuchKey": 1, "defaultMissedRuns": "ALWAYS"},
                   "org.assessmentruntime.nothere": {"a": 1}
                 }}""");

        assertThatThrownBy(() -> validator.validate(overlay, java.util.Map.of()))
                .isInstanceOf(RejectedOverlay.class)
                .hasMessageContaining("config.org.assessmentruntime.jobrunner.serviceWaitSeconds: \"soon\" is not an integer")
                .hasMessageContaining("config.org.assessmentruntime.jobrunner.maxStderrKiB: '0' is not valid: Value must be at least 1")
                .hasMessageContaining("config.org.assessmentruntime.scheduler.noSuchKey: unknown key")
                .hasMessageContaining("config.org.assessmentruntime.scheduler.defaultMissedRuns: 'ALWAYS' is not valid")
                .hasMessageContaining("config.org.assessmentruntime.nothere: unknown PID");
    }

    @Test
    void neverTheConnectionNorSecurityKeys() throws Exception {
        assertThatThrownBy(() -> validator.validate(json("""
                {"config": {"org.assessmentruntime.controlplane": {"url": "https://elsewhere.example.com"}}}"""),
                java.util.Map.of()))
                .hasMessageContaining("config.org.assessmentruntime.controlplane: not remotely settable");
        assertThatThrownBy(() -> validator.validate(json("""
                {"config": {"org.assessmentruntime.controlplane": null}}"""), java.util.Map.of()))
                .hasMessageContaining("config.org.assessmentruntime.controlplane: not remotely settable");
        assertThatThrownBy(() -> validator.validate(json("""
                {"config": {"org.assessmentruntime.pluginmanager": {"trustedKeysFile": "/tmp/mine",
                  "allowUnsignedLocal": true}}}"""), java.util.Map.of()))
                .hasMessageContaining("pluginmanager.trustedKeysFile: not remotely settable")
                .hasMessageContaining("pluginmanager.allowUnsignedLocal: not remotely settable");
        assertThatThrownBy(() -> validator.validate(json("""
                {"config": {"org.assessmentruntime.scheduler": {"jobsDirectory": "/tmp", "minIntervalSeconds": 86400}}}"""),
                java.util.Map.of()))
                .hasMessageContaining("scheduler.jobsDirectory: not remotely settable")
                .hasMessageContaining("scheduler.minIntervalSeconds: not remotely settable");
        assertThatThrownBy(() -> validator.validate(json("""
                {"config": {"org.assessmentruntime.http": {"allowRemote": true, "authentication": "none"}}}"""),
                java.util.Map.of()))
                .hasMessageContaining("config.org.assessmentruntime.http: not remotely settable");
        assertThatThrownBy(() -> validator.validate(json("""
                {"config": {"org.apache.karaf.shell": {"sshPort": 1}}}"""), java.util.Map.of()))
                .hasMessageContaining("config.org.apache.karaf.shell: not remotely settable: only the runtime's own PIDs");
    }

    @Test
    void valuesAreScalarsOrArraysOfScalarsOfTheRightShape() throws Exception {
        assertThatThrownBy(() -> validator.validate(json("""
                {"config": {"org.assessmentruntime.jobrunner": {"serviceWaitSeconds": {"seconds": 5}},
                            "org.assessmentruntime.scheduler": {"workerPoolSize": [1]},
                            "org.assessmentruntime.resultscollector": {"tags": "single", "retentionDays": 1.5}}}"""),
                java.util.Map.of()))
                .hasMessageContaining("jobrunner.serviceWaitSeconds: values are JSON scalars or arrays of scalars")
                .hasMessageContaining("scheduler.workerPoolSize: takes one value")
                .hasMessageContaining("resultscollector.tags: takes an array")
                .hasMessageContaining("resultscollector.retentionDays: 1.5 is not an integer");
    }

    @Test
    void jobsMustBeValidJobDefinitionsNamedByTheirKey() throws Exception {
        ValidatedOverlay overlay = validator.validate(json("{\"jobs\": {\"remote-1\": " + Fakes.job("remote-1")
                + ", \"gone\": null}}"), java.util.Map.of());
        assertThat(overlay.jobs()).containsOnlyKeys("remote-1");
        JobDefinition job = overlay.jobs().get("remote-1");
        assertThat(job.id()).isEqualTo("remote-1");
        assertThat(job.title()).isEqualTo("Remote job remote-1");
        // The scheduler's local defaults are for local files; remote jobs keep the model's.
        assertThat(job.tasks().get(0).schedule().timeZone()).isEqualTo(java.time.ZoneOffset.UTC);
        assertThat(job.tasks().get(0).schedule().missedRuns()).isEqualTo(Schedule.MissedRunPolicy.SKIP);

        String typo = Fakes.job("typo").replace("\"controlId\"", "\"controlid\"");
        assertThatThrownBy(() -> validator.validate(json("""
                {"jobs": {"broken": {"title": "No tasks", "tasks": []},
                          "typo": %s,
                          "renamed": {"id": "other", "title": "t"}}}""".formatted(typo)), java.util.Map.of()))
                .hasMessageContaining("jobs.broken: $.tasks: JobDefinition.tasks of job 'broken' must not be empty")
                .hasMessageContaining("jobs.typo: $.controlid: unknown field 'controlid'")
                .hasMessageContaining("jobs.renamed: $.id: \"other\" differs from the job's key 'renamed'");
    }

    @Test
    void aRemoteJobNeverReplacesALocalOne() throws Exception {
        assertThatThrownBy(() -> validator.validate(json("{\"jobs\": {\"host-ssh\": " + Fakes.job("host-ssh") + "}}"),
                java.util.Map.of("host-ssh", Path.of("etc/jobs/host-ssh.json"))))
                .hasMessageContaining("jobs.host-ssh: a local job file (host-ssh.json) defines this job id");
    }

    @Test
    void onlyConfigAndJobs() throws Exception {
        assertThatThrownBy(() -> validator.validate(json("{\"heartbeat\": {\"interval\": \"PT30S\"}}"), java.util.Map.of()))
                .hasMessageContaining("unknown section 'heartbeat'");
        assertThat(validator.validate(json("{}"), java.util.Map.of()).config()).isEmpty();
    }
}
