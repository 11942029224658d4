package org.assessmentruntime.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.assessmentruntime.itests.harness.CommandResult;
import org.assessmentruntime.itests.harness.KarafDistribution;
import org.assessmentruntime.itests.harness.KarafExtension;
import org.assessmentruntime.itests.harness.StopResult;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The standalone runtime does its job with no control plane: the example jobs in etc/jobs run at first
 * boot through scheduler, job runner, executor and results collector; the results are in the shell,
 * survive a restart, and export as OSCAL that validates against NIST's schema.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> EXAMPLE_JOBS = List.of("host-login-defs", "host-os", "host-pwquality", "host-ssh",
            "host-sysctl", "host-tls");
    /** Bound for the first results: boot jobs run right after the components come up. */
    private static final Duration FIRST_RESULTS = Duration.ofSeconds(90);
    /** Failures of the runtime itself; a plugin reporting that it cannot read a host file is not one. */
    private static final Set<String> PIPELINE_FAILURES = Set.of("PLUGIN_UNAVAILABLE", "PLUGIN_REJECTED",
            "INVALID_CONFIGURATION", "INVALID_MODULE", "ENGINE_UNAVAILABLE", "INVALID_OUTPUT", "INTERNAL");

    @RegisterExtension
    static final KarafExtension KARAF = new KarafExtension();

    private static final Set<String> FIRST_BOOT_RESULTS = new HashSet<>();

    @Test
    @Order(1)
    void theExampleJobsAreScheduled(KarafDistribution karaf) throws IOException {
        CommandResult r = karaf.run("assessment:jobs --json");
        assertThat(r.succeeded()).as("%s", r).isTrue();
        Set<String> ids = new HashSet<>();
        JSON.readTree(r.output()).forEach(job -> ids.add(job.path("job").path("id").asText()));
        assertThat(ids).containsAll(EXAMPLE_JOBS);
    }

    @Test
    @Order(2)
    void everyExampleJobHasAResultSoonAfterFirstBoot(KarafDistribution karaf) throws IOException {
        CommandResult r = karaf.awaitCommand("assessment:results --json --limit 100",
                res -> res.succeeded() && jobsWithResults(res.output()).containsAll(EXAMPLE_JOBS), FIRST_RESULTS);
        assertThat(jobsWithResults(r.output())).as("jobs with results in:%n%s", r.output()).containsAll(EXAMPLE_JOBS);
        for (JsonNode stored : JSON.readTree(r.output())) {
            JsonNode result = stored.path("result");
            assertThat(result.path("status").asText()).isIn("PASS", "FAIL", "ERROR", "NOT_APPLICABLE");
            assertThat(result.path("errorKind").asText("")).as("%s", result).isNotIn(PIPELINE_FAILURES);
            assertThat(result.path("provenance").path("digest").asText()).startsWith("sha256:");
            assertThat(stored.path("state").asText()).isEqualTo("PENDING");
            FIRST_BOOT_RESULTS.add(result.path("resultId").asText());
        }
    }

    @Test
    @Order(3)
    void aJobRunsOnDemandAndItsResultIsStored(KarafDistribution karaf) throws IOException {
        CommandResult run = karaf.run("assessment:run --wait host-os", Duration.ofSeconds(120));
        assertThat(run.succeeded()).as("%s", run).isTrue();
        assertThat(run.output()).contains("host-os").containsAnyOf("PASS", "FAIL");

        CommandResult results = karaf.run("assessment:results --json --job host-os");
        assertThat(JSON.readTree(results.output()).size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    @Order(4)
    void resultsSurviveARestart(KarafDistribution karaf) throws IOException {
        StopResult stop = karaf.restart();
        assertThat(stop.clean()).as("%s", stop).isTrue();

        CommandResult r = karaf.awaitCommand("assessment:results --json --limit 1000", CommandResult::succeeded,
                Duration.ofSeconds(30));
        Set<String> after = new HashSet<>();
        JSON.readTree(r.output()).forEach(s -> after.add(s.path("result").path("resultId").asText()));
        assertThat(FIRST_BOOT_RESULTS).isNotEmpty();
        assertThat(after).containsAll(FIRST_BOOT_RESULTS);
    }

    @Test
    @Order(5)
    void theOscalExportValidatesAgainstNistsSchema(KarafDistribution karaf) throws IOException {
        Path file = karaf.runDir().resolve("assessment-results.json");
        CommandResult r = karaf.run("assessment:export --oscal " + file);
        assertThat(r.succeeded()).as("%s", r).isTrue();

        JsonNode document = JSON.readTree(file.toFile());
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(
                SchemaLocation.of("classpath:schema/json/oscal-ar_schema.json"),
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        Set<ValidationMessage> problems = schema.validate(document);
        assertThat(problems).as("schema violations").isEmpty();
        assertThat(document.path("assessment-results").path("results").size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    @Order(6)
    void aJobIsDisabledAndEnabledAndOneResultIsShownWhole(KarafDistribution karaf) throws IOException {
        CommandResult off = karaf.run("assessment:job-disable host-tls");
        assertThat(off.succeeded()).as("%s", off).isTrue();
        assertThat(enabled(karaf, "host-tls")).isFalse();
        CommandResult on = karaf.run("assessment:job-enable host-tls");
        assertThat(on.succeeded()).as("%s", on).isTrue();
        assertThat(enabled(karaf, "host-tls")).isTrue();
        CommandResult unknown = karaf.run("assessment:job-disable no-such-job");
        assertThat(unknown.succeeded()).as("%s", unknown).isFalse();
        assertThat(unknown.output()).contains("no-such-job");

        String id = FIRST_BOOT_RESULTS.iterator().next();
        CommandResult one = karaf.run("assessment:result " + id);
        assertThat(one.succeeded()).as("%s", one).isTrue();
        assertThat(one.output()).contains(id);
        CommandResult json = karaf.run("assessment:result --json " + id);
        assertThat(JSON.readTree(json.output()).toString()).contains(id);
    }

    private static boolean enabled(KarafDistribution karaf, String job) throws IOException {
        for (JsonNode scheduled : JSON.readTree(karaf.run("assessment:jobs --json").output())) {
            if (job.equals(scheduled.path("job").path("id").asText())) {
                return scheduled.path("enabled").asBoolean();
            }
        }
        throw new AssertionError("job " + job + " is not scheduled");
    }

    @Test
    @Order(7)
    void noErrorsWereLogged(KarafDistribution karaf) {
        assertThat(karaf.karafLog().errors()).as("ERROR entries in %s", karaf.karafLog().file()).isEmpty();
    }

    private static Set<String> jobsWithResults(String json) {
        Set<String> jobs = new HashSet<>();
        try {
            JSON.readTree(json).forEach(stored -> jobs.add(stored.path("result").path("jobId").asText()));
        } catch (IOException e) {
            return Set.of();
        }
        return jobs;
    }
}
