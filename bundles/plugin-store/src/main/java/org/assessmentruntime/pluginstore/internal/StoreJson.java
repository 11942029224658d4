package org.assessmentruntime.pluginstore.internal;

import java.io.IOException;
import java.util.List;

import org.assessmentruntime.api.model.InstalledPlugin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON of the index and of the records: the API's {@link InstalledPlugin} as it is, with instants
 * and durations as ISO-8601 strings. Written indented, because operators read these files when
 * something went wrong.
 */
final class StoreJson {

    /** Version of the index layout; a store written by a later layout is refused, not rebuilt over. */
    static final int FORMAT = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            // A later runtime may add fields to the model; this one reads what it knows.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** The index file. */
    record IndexDocument(int format, List<InstalledPlugin> plugins) {
    }

    private StoreJson() {
    }

    static byte[] index(StoreIndex index) {
        return write(new IndexDocument(FORMAT, index.all()));
    }

    /**
     * @throws CorruptException           if the bytes are not a valid index
     * @throws UnsupportedFormatException if a later runtime wrote it
     */
    static StoreIndex readIndex(byte[] json) throws CorruptException, UnsupportedFormatException {
        IndexDocument document = read(json, IndexDocument.class);
        if (document == null || document.format() < 1) {
            throw new CorruptException("not an index: no format");
        }
        if (document.format() > FORMAT) {
            throw new UnsupportedFormatException("the index has format " + document.format()
                    + ", written by a later runtime; this one reads format " + FORMAT);
        }
        try {
            return StoreIndex.of(document.plugins() == null ? List.of() : document.plugins());
        } catch (IllegalArgumentException e) {
            throw new CorruptException(e.getMessage());
        }
    }

    static byte[] record(InstalledPlugin plugin) {
        return write(plugin);
    }

    /** @throws CorruptException if the bytes are not a valid record */
    static InstalledPlugin readRecord(byte[] json) throws CorruptException {
        InstalledPlugin plugin = read(json, InstalledPlugin.class);
        if (plugin == null) {
            throw new CorruptException("empty record");
        }
        return plugin;
    }

    private static <T> T read(byte[] json, Class<T> type) throws CorruptException {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            // Reading from a byte array fails only on content; the record's own validation message
            // (e.g. "PluginId.version ... must be a semantic version") is the useful part.
            Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            String message = String.valueOf(cause.getMessage());
            throw new CorruptException(message.lines().findFirst().orElse(message));
        }
    }

    private static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            // Only API records and lists of them are written; they always serialise.
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** A file of the store is not what this runtime wrote: damaged, truncated or edited. */
    static final class CorruptException extends IOException {

        private static final long serialVersionUID = 1L;

        CorruptException(String message) {
            super(message);
        }
    }

    /** The store was written by a later, incompatible runtime. */
    static final class UnsupportedFormatException extends IOException {

        private static final long serialVersionUID = 1L;

        UnsupportedFormatException(String message) {
            super(message);
        }
    }
}
