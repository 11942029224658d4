package org.assessmentruntime.configuration.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The bundle's one JSON setup, and the canonical form the effective overlay's digest is taken of. */
final class Json {

    /**
     * Reads what the control plane sends and what this bundle stores. Strict like the scheduler's job
     * reader (bundles/scheduler JobFiles): a key given twice or text after the document is a mistake
     * that would otherwise be silently resolved one way or the other.
     */
    static final ObjectMapper MAPPER = strict(new ObjectMapper().registerModule(new JavaTimeModule()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Json() {
    }

    /** Turns on the strict reading the scheduler uses for job files. */
    static ObjectMapper strict(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        return mapper;
    }

    /** The tree with every object's keys sorted, so equal documents have equal text. */
    static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                sorted.put(field.getKey(), canonical(field.getValue()));
            }
            ObjectNode result = JsonNodeFactory.instance.objectNode();
            sorted.forEach(result::set);
            return result;
        }
        if (node.isArray()) {
            ArrayNode result = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> result.add(canonical(element)));
            return result;
        }
        return node;
    }

    /**
     * What is wrong with a document, in one line: Jackson's message without its {@code [Source: ...]}
     * block, with the line and column.
     */
    static String problem(Exception e) {
        if (!(e instanceof JsonProcessingException p)) {
            return String.valueOf(e.getMessage());
        }
        String message = String.valueOf(p.getOriginalMessage()).replaceAll("\\s*\\(start marker at \\[Source:.*", "")
                .strip();
        int newline = message.indexOf('\n');
        message = newline < 0 ? message : message.substring(0, newline);
        return p.getLocation() == null ? message
                : message + " (line " + p.getLocation().getLineNr() + ", column " + p.getLocation().getColumnNr() + ")";
    }

    /** {@code sha256:<hex>} of the canonical, compact JSON text of a document. */
    static String digest(JsonNode node) {
        try {
            byte[] text = MAPPER.writeValueAsString(canonical(node)).getBytes(StandardCharsets.UTF_8);
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot digest a JSON tree", e);
        }
    }
}
