package org.assessmentruntime.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.LogEntry;
import org.assessmentruntime.cli.CliTestSupport.Run;
import org.assessmentruntime.resultscollector.ResultStore;
import org.assessmentruntime.resultscollector.ResultStores;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code results export} of a store holding a blank log line, written the old way, and a damaged record:
 * the export goes on without the damaged one, says so, and the document is readable by its owner only.
 */
class HostileResultsExportTest {

    @TempDir
    Path dir;

    @Test
    void skipsAnUnreadableRecordSaysSoAndWritesAPrivateDocument() throws Exception {
        Path store = dir.resolve("store");
        try (ResultStore opened = ResultStores.open(store)) {
            for (String name : new String[] { "sshd-hardening-fail", "os-baseline-pass", "sshd-hardening-error" }) {
                AssessmentResult r = read(name);
                // A plugin's blank stderr line, kept as a log entry with an empty message.
                opened.store(new AssessmentResult(r.resultId(), r.runId(), r.jobId(), r.taskId(), r.activityId(),
                        r.planId(), r.componentId(), r.controlId(), r.status(), r.errorKind(), r.reason(), r.title(),
                        r.observations(), r.findings(), r.risks(), r.subjects(),
                        List.of(new LogEntry(LogEntry.Level.WARN, "", null)), r.provenance()));
            }
        }
        // Record 0 as an earlier runtime wrote a blank line (no message); record 1 damaged.
        MVStore raw = new MVStore.Builder().fileName(store.resolve(ResultStores.FILE_NAME).toString()).open();
        MVMap<Long, byte[]> results = raw.openMap("results", new MVMap.Builder<Long, byte[]>()
                .keyType(LongDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
        results.put(0L, new String(results.get(0L), StandardCharsets.UTF_8).replace("\"message\":\"\",", "")
                .replace(",\"message\":\"\"", "").getBytes(StandardCharsets.UTF_8));
        results.put(1L, "{\"resultId\":".getBytes(StandardCharsets.UTF_8));
        raw.commit();
        raw.close();
        Path oscal = dir.resolve("oscal.json");

        Run run = CliTestSupport.run("results", "export", "--oscal", oscal.toString(), "--store", store.toString());

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.stderr()).contains("1 unreadable stored result(s) skipped").contains("wrote 2 result(s)");
        JsonNode document = new ObjectMapper().readTree(oscal.toFile());
        assertThat(document.get("assessment-results").get("results")).isNotEmpty();
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(oscal))).isEqualTo("rw-------");
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("store", "oscal.json");
        }
    }

    @Test
    void theExportIsPrivateEvenWhereAReadableFileWas() throws Exception {
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
        Path store = dir.resolve("store");
        try (ResultStore opened = ResultStores.open(store)) {
            opened.store(read("os-baseline-pass"));
        }
        Path oscal = Files.writeString(dir.resolve("oscal.json"), "old");
        Files.setPosixFilePermissions(oscal, PosixFilePermissions.fromString("rw-r--r--"));

        Run run = CliTestSupport.run("results", "export", "--oscal", oscal.toString(), "--store", store.toString());

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(oscal))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store))).isEqualTo("rwx------");
    }

    private static AssessmentResult read(String name) throws Exception {
        return CliJson.read(ToolCommandsTest.RESULT_FIXTURES.resolve(name + ".json"),
                new TypeReference<AssessmentResult>() {
                }, "a result");
    }
}
