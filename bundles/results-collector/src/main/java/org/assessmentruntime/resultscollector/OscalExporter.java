package org.assessmentruntime.resultscollector;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.resultscollector.internal.Json;
import org.assessmentruntime.resultscollector.internal.PrivateFiles;
import org.assessmentruntime.resultscollector.internal.oscal.Documents;
import org.assessmentruntime.resultscollector.internal.oscal.Runs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns results into one OSCAL {@value #OSCAL_VERSION} assessment-results document (JSON), valid against
 * NIST's JSON schema. Immutable and thread-safe; the {@code with…} methods return changed copies.
 *
 * <h2>Mapping</h2>
 * <ul>
 * <li><b>One OSCAL {@code result} per run</b> (results sharing a run id), in order of start: OSCAL's
 * result is one assessment event over a period, with its own controls, observations and findings, which
 * is exactly a run. Its {@code start}/{@code end} span the run's results.</li>
 * <li>{@code reviewed-controls}: {@code include-controls} with the jobs' control ids; {@code include-all}
 * when no job names one.</li>
 * <li>{@code local-definitions}: each plugin build that ran is a tool component (name, version, digest),
 * used by an assessment platform per runtime. Observations, findings and risks name it in their
 * {@code origins}.</li>
 * <li>Observations: the plugin's, with its facts as properties of class {@code fact}, its subjects as
 * subject references and its evidence as {@code relevant-evidence}; plus one observation per result that
 * records the run (plugin build, engine, runtime, verdict, error kind, reason; method {@code TEST}).</li>
 * <li>Findings: the plugin's, targeting (type {@code objective-id}) the finding's target, else the job's
 * control, else the activity; each relates to its observations and to the run's observation, and to its
 * risks. A PASS or FAIL result without findings gets one finding for its verdict; an ERROR result gets
 * none (nothing was concluded) but keeps its run observation.</li>
 * <li>Risks: the plugin's, with status and related observations.</li>
 * <li>Every object carries properties in {@value #NAMESPACE} leading back to the stored result
 * ({@code result-id}, {@code source-uuid}: its id in the result) and the plugin ({@code plugin-name},
 * {@code plugin-version}, {@code plugin-digest}). Uuids are version 5, derived from those ids, so the same
 * results always export to the same uuids and never collide.</li>
 * <li>{@code import-ap}: the given reference, else {@code #uuid} of a back-matter resource naming the
 * results' assessment plan ids (held by the control plane), or saying there is none (standalone jobs).</li>
 * </ul>
 * Ids and names are fitted to OSCAL's token syntax (other characters become {@code -}).
 */
public final class OscalExporter {

    /** The OSCAL version documents conform to. */
    public static final String OSCAL_VERSION = "1.1.2";

    /** Namespace of the properties this runtime adds; OSCAL requires one for names it does not define. */
    public static final String NAMESPACE = "urn:assessment-runtime:oscal";

    private final String title;
    private final String version;
    private final String importAp;
    private final Clock clock;

    /** An exporter with a generic title, document version {@code 1.0}, and the current time. */
    public OscalExporter() {
        this("Assessment Runtime assessment results", "1.0", null, Clock.systemUTC());
    }

    private OscalExporter(String title, String version, String importAp, Clock clock) {
        this.title = requireText(title, "title");
        this.version = requireText(version, "version");
        this.importAp = importAp;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** With this document title (metadata). */
    public OscalExporter withTitle(String title) {
        return new OscalExporter(title, version, importAp, clock);
    }

    /** With this document version (metadata; the document's, not OSCAL's). */
    public OscalExporter withVersion(String version) {
        return new OscalExporter(title, version, importAp, clock);
    }

    /**
     * With this reference to the assessment plan, e.g. {@code https://control-plane/plans/42.json}; by
     * default a back-matter resource naming the results' plan ids.
     */
    public OscalExporter withImportAp(String href) {
        return new OscalExporter(title, version, requireText(href, "href"), clock);
    }

    /** With this clock for {@code last-modified}. */
    public OscalExporter withClock(Clock clock) {
        return new OscalExporter(title, version, importAp, clock);
    }

    /**
     * The document.
     *
     * @param results the results, in any order; at least one (OSCAL requires a result)
     * @return the document, {@code {"assessment-results": {...}}}
     * @throws IllegalArgumentException if there are no results
     */
    public ObjectNode export(Collection<AssessmentResult> results) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("there are no results to export; an OSCAL document needs at least one");
        }
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode document = root.putObject("assessment-results");
        document.put("uuid", Documents.uuid(results).toString());
        document.putObject("metadata").put("title", title)
                .put("last-modified", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString())
                .put("version", version).put("oscal-version", OSCAL_VERSION);
        ObjectNode importAp = document.putObject("import-ap");
        ArrayNode resultNodes = document.putArray("results");
        Map<UUID, List<AssessmentResult>> runs = new LinkedHashMap<>();
        results.stream().sorted((a, b) -> a.provenance().start().compareTo(b.provenance().start()))
                .forEach(r -> runs.computeIfAbsent(r.runId(), id -> new ArrayList<>()).add(r));
        runs.forEach((runId, runResults) -> resultNodes.add(Runs.result(runId, runResults)));
        importAp.put("href", this.importAp != null ? this.importAp : Documents.planReference(results, document));
        return root;
    }

    /**
     * Writes the document, indented, as UTF-8. The stream is left open.
     *
     * @param results the results; at least one
     * @param out     where to write
     * @throws IOException if writing fails
     */
    public void write(Collection<AssessmentResult> results, OutputStream out) throws IOException {
        ObjectNode document = export(results);
        Json.MAPPER.writer().withDefaultPrettyPrinter().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValue(out, document);
    }

    /**
     * Writes the document to a file readable by its owner only ({@code 0600} where the file system has
     * POSIX permissions: results carry what plugins saw on the host), atomically: written beside it and
     * moved into place, so that a reader never sees half a document and a failure leaves an existing
     * file as it was. An existing file is replaced.
     *
     * @param results the results; at least one
     * @param file    where to write
     * @throws IOException if writing or moving fails
     * @since 0.2
     */
    public void writeFile(Collection<AssessmentResult> results, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Path temp = PrivateFiles.temporaryBeside(target);
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                write(results, out);
            }
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        if (value.lines().count() > 1) {
            throw new IllegalArgumentException(name + " must be one line, got '" + value + "'");
        }
        return value.strip();
    }
}
