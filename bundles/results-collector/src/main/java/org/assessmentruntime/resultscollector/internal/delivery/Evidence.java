package org.assessmentruntime.resultscollector.internal.delivery;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The control plane's evidence object (kebab-case keys, OSCAL-flavoured), as far as results fill it.
 * Empty values are left out rather than sent as null.
 *
 * @param uuid        the evidence stream: the control plane keeps one history per uuid
 * @param title       what was assessed
 * @param description how the result came about
 * @param remarks     the verdict's reason
 * @param labels      string labels; {@code _result} is the result id the receiver dedupes on
 * @param start       when the run started, never after {@code end}
 * @param end         when the run ended, never after the delivery
 * @param props       runtime facts (plugin digest, engine, ids, status)
 * @param origins     the runtime, as the tool that produced it
 * @param activities  what was done
 * @param subjects    what was looked at
 * @param status      the verdict
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Evidence(
        @JsonProperty("uuid") UUID uuid,
        @JsonProperty("title") String title,
        @JsonProperty("description") String description,
        @JsonProperty("remarks") String remarks,
        @JsonProperty("labels") Map<String, String> labels,
        @JsonProperty("start") Instant start,
        @JsonProperty("end") Instant end,
        @JsonProperty("props") List<Prop> props,
        @JsonProperty("origins") List<Origin> origins,
        @JsonProperty("activities") List<Activity> activities,
        @JsonProperty("subjects") List<SubjectRef> subjects,
        @JsonProperty("status") Status status) {

    private static final byte[] BATCH_START = "{\"items\":[".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BATCH_END = "]}".getBytes(StandardCharsets.UTF_8);

    /**
     * A property.
     *
     * @param name  its name
     * @param value its value
     */
    public record Prop(@JsonProperty("name") String name, @JsonProperty("value") String value) {
    }

    /**
     * Who produced the evidence.
     *
     * @param actors the actors
     */
    public record Origin(@JsonProperty("actors") List<Actor> actors) {
    }

    /**
     * An actor of an origin.
     *
     * @param uuid  its uuid
     * @param type  {@code tool}
     * @param title its name
     */
    public record Actor(@JsonProperty("uuid") UUID uuid, @JsonProperty("type") String type,
            @JsonProperty("title") String title) {
    }

    /**
     * What was done.
     *
     * @param uuid        its uuid, the same for every run of the stream
     * @param title       what it is
     * @param description how it was done
     * @param steps       its steps: one per observation
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Activity(@JsonProperty("uuid") UUID uuid, @JsonProperty("title") String title,
            @JsonProperty("description") String description, @JsonProperty("steps") List<Step> steps) {
    }

    /**
     * A step of an activity.
     *
     * @param uuid        its uuid
     * @param title       what it is
     * @param description what it saw
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Step(@JsonProperty("uuid") UUID uuid, @JsonProperty("title") String title,
            @JsonProperty("description") String description) {
    }

    /**
     * What was looked at.
     *
     * @param identifier its identifier (host name, file, …)
     * @param type       its type
     */
    public record SubjectRef(@JsonProperty("identifier") String identifier, @JsonProperty("type") String type) {
    }

    /**
     * The verdict.
     *
     * @param state   {@code satisfied} or {@code not-satisfied}
     * @param reason  {@code pass}, {@code fail} or {@code error:<kind>}
     * @param remarks why, in a line
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Status(@JsonProperty("state") String state, @JsonProperty("reason") String reason,
            @JsonProperty("remarks") String remarks) {
    }

    /**
     * The body of {@code POST /api/evidence/batch}, an extension of this project's reference control plane:
     * {@code {"items": [evidence, ...]}}.
     *
     * <p>The items are complete JSON documents written by Jackson ({@link EvidenceMapper#render}); they are
     * copied into the array byte for byte, not parsed and written again, which is what rendering them when
     * the result is stored saves. Jackson's generator can only take a raw value as characters, which cost a
     * seventh of delivery's time re-encoding them, so the envelope around them is written here: two
     * fixed fragments and the separators.
     *
     * @param items evidence, each a JSON object
     */
    static byte[] batch(List<byte[]> items) {
        int size = BATCH_START.length + BATCH_END.length + items.size();
        for (byte[] item : items) {
            size += item.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.writeBytes(BATCH_START);
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(items.get(i));
        }
        out.writeBytes(BATCH_END);
        return out.toByteArray();
    }
}
