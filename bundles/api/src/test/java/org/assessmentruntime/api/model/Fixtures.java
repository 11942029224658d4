package org.assessmentruntime.api.model;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** Fully populated model objects and the mapper the runtime's bundles are expected to use. */
final class Fixtures {

    static final Digest DIGEST = Digest.parse("sha256:" + "ab".repeat(32));
    static final Instant START = Instant.parse("2026-11-25T10:15:30.123456789Z");
    static final Instant END = START.plusMillis(1500);

    private Fixtures() {
    }

    static ObjectMapper mapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
    }

    /** A configuration exercising every JSON value type Jackson reads back as the same Java type. */
    static Map<String, Object> configuration() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("enabled", true);
        nested.put("ratio", 0.25);
        nested.put("nothing", null);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("port", 22);
        config.put("big", 3_000_000_000L);
        config.put("allowedCiphers", List.of("aes256-gcm@openssh.com", "chacha20-poly1305@openssh.com"));
        config.put("options", nested);
        config.put("mixed", Arrays.asList(1, "two", null, List.of(3)));
        return config;
    }

    static Target target() {
        return new Target("web-1.example.org", "inventory-item", "Web server 1",
                Map.of("address", "10.0.0.5", "os", "debian-12"));
    }

    static JobDefinition job() {
        Schedule schedule = new Schedule("0 */15 * * * *", null, Duration.ofSeconds(30), List.of("/etc/ssh/sshd_config"),
                ZoneId.of("Europe/Berlin"), Schedule.OverlapPolicy.QUEUE, Schedule.MissedRunPolicy.RUN_ONCE);
        Activity activity = new Activity("sshd-config", "sshd hardened", new PluginRef("acme/ssh-config", "^1.4"),
                configuration(), target());
        Activity second = new Activity("sshd-keys", "sshd host keys", new PluginRef("acme/ssh-keys", null), null, null);
        Task task = new Task("ssh", "Check SSH", schedule, List.of(activity, second));
        Task manual = new Task("manual", "On demand", null,
                List.of(new Activity("noop", "Nothing", PluginRef.parse("acme/noop@1.0.0"), null, null)));
        return new JobDefinition("job-ssh", "SSH hardening", "plan-7", "comp-42", "cm-6", List.of(task, manual));
    }

    static PluginDescriptor descriptor() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("type", "object");
        schema.put("properties", Map.of("port", Map.of("type", "integer", "minimum", 1)));
        schema.put("required", List.of("port"));
        return new PluginDescriptor("acme/ssh-config", "1.4.0-rc.1", "Checks sshd_config against CIS", 1, schema,
                new PluginGrants(List.of(new DirectoryGrant("/etc/ssh", "/host/etc/ssh")), List.of("HOSTNAME")),
                new ResourceLimits(Duration.ofSeconds(20), 64L << 20, 1L << 20, 64L << 10), "chicory");
    }

    static AssessmentResult result() {
        Subject host = new Subject(null, "web-1.example.org", "inventory-item", "Web server 1", Map.of("os", "debian-12"));
        Subject file = new Subject(UUID.fromString("11111111-1111-4111-8111-111111111111"), "/etc/ssh/sshd_config",
                "resource", "", Map.of());
        Observation observation = new Observation(UUID.fromString("22222222-2222-4222-8222-222222222222"),
                "Root login permitted", "sshd_config sets PermitRootLogin yes",
                List.of(Observation.Method.EXAMINE, Observation.Method.TEST), List.of(host.uuid(), file.uuid()),
                List.of(new EvidenceRef("file:///etc/ssh/sshd_config", "line 32: PermitRootLogin yes")),
                Map.of("PermitRootLogin", "yes"), START.plusMillis(700));
        Risk risk = new Risk(UUID.fromString("33333333-3333-4333-8333-333333333333"), "Remote root login",
                "Root may log in over SSH", "Likelihood high: brute force; impact: full host compromise",
                Risk.Status.DEVIATION_REQUESTED, List.of(observation.uuid()));
        Finding finding = new Finding(UUID.fromString("44444444-4444-4444-8444-444444444444"), "CM-6 not met",
                "sshd allows root login", "cm-6_obj", Finding.State.NOT_SATISFIED, List.of(observation.uuid()),
                List.of(risk.uuid()));
        Provenance provenance = new Provenance(new PluginRef("acme/ssh-config", "^1.4"),
                new PluginId("acme/ssh-config", "1.4.0-rc.1"), DIGEST, "chicory", ResourceLimits.DEFAULTS,
                "5b2ad1c6-5f0b-4c41-9d7d-0f0d3b1b1c55", START, END);
        return new AssessmentResult(UUID.fromString("55555555-5555-4555-8555-555555555555"),
                UUID.fromString("66666666-6666-4666-8666-666666666666"), "job-ssh", "ssh", "sshd-config", "plan-7",
                "comp-42", "cm-6", ResultStatus.FAIL, null, "1 of 12 checks failed", "sshd hardened",
                List.of(observation), List.of(finding), List.of(risk), List.of(host, file),
                List.of(new LogEntry(LogEntry.Level.WARN, "PermitRootLogin yes", START.plusMillis(10)),
                        new LogEntry(null, "done", null)),
                provenance);
    }
}
