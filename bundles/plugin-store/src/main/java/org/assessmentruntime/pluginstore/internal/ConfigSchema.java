package org.assessmentruntime.pluginstore.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaException;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.AllowSchemaLoader;
import org.assessmentruntime.pluginstore.AbiJson;

/**
 * A plugin's configuration schema (JSON Schema draft 2020-12), compiled once, validating
 * configurations. Uses networknt's json-schema-validator, embedded in this bundle.
 *
 * <p>Nothing is ever fetched: a {@code $ref} may point into the schema itself or to the draft's own
 * meta-schemas (shipped with the validator), anything else is refused. Default values in the schema are
 * not applied (ABI v1: an absent key means the plugin's own default).
 */
public final class ConfigSchema {

    /** The only {@code $schema} a configuration schema may declare (or none). */
    public static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

    /** No schema: the plugin takes no configuration, so only an empty one is valid. */
    private static final ConfigSchema NONE = new ConfigSchema(null);

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaLoaders(loaders -> loaders.add(new AllowSchemaLoader(
                    iri -> iri.toString().startsWith("classpath:")))));

    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_PATH)
            .locale(Locale.ROOT)
            .build();

    private final JsonSchema schema;
    /**
     * The last configuration found valid, a frozen copy: a job validates the same configuration at every
     * run, and the answer for equal values cannot differ.
     */
    private volatile Map<String, Object> lastValid;

    private ConfigSchema(JsonSchema schema) {
        this.schema = schema;
    }

    /**
     * Compiles a schema, after checking it against the 2020-12 meta-schema.
     *
     * @param schema the schema as plain JSON values; empty for a plugin that takes no configuration
     * @return the compiled schema
     * @throws IllegalArgumentException listing what is wrong with the schema, each with its JSON path
     */
    public static ConfigSchema compile(Map<String, Object> schema) {
        if (schema == null || schema.isEmpty()) {
            return NONE;
        }
        JsonNode node = AbiJson.MAPPER.valueToTree(schema);
        JsonNode declared = node.get("$schema");
        if (declared != null && !(declared.isTextual()
                && (declared.asText().equals(DRAFT_2020_12) || declared.asText().equals(DRAFT_2020_12 + "#")))) {
            throw new IllegalArgumentException("$schema must be " + DRAFT_2020_12 + " (or absent), got " + declared);
        }
        return withBundleClassLoader(() -> {
            try {
                JsonSchema meta = FACTORY.getSchema(SchemaLocation.of(DRAFT_2020_12), CONFIG);
                List<String> problems = messages(meta.validate(node));
                if (!problems.isEmpty()) {
                    throw new IllegalArgumentException("not a valid JSON Schema (draft 2020-12): "
                            + String.join("; ", problems));
                }
                JsonSchema compiled = FACTORY.getSchema(node, CONFIG);
                compiled.initializeValidators();
                return new ConfigSchema(compiled);
            } catch (JsonSchemaException e) {
                throw new IllegalArgumentException("not a usable JSON Schema: " + e.getMessage(), e);
            }
        });
    }

    /**
     * Validates a configuration.
     *
     * @param configuration the configuration as plain JSON values; {@code null} or empty is validated as
     *                      the empty object
     * @return every violation, each starting with the JSON path of the offending value (e.g.
     *         {@code $.maxAuthTries: must have a minimum value of 1}), sorted by path; empty when valid
     */
    public List<String> validate(Map<String, Object> configuration) {
        boolean empty = configuration == null || configuration.isEmpty();
        if (schema == null) {
            return empty ? List.of()
                    : List.of("$: the plugin takes no configuration (its manifest has no configSchema), got keys "
                            + configuration.keySet());
        }
        Map<String, Object> given = empty ? Map.of() : configuration;
        Map<String, Object> valid = lastValid;
        if (valid != null && valid.equals(given)) {
            return List.of();
        }
        JsonNode node = empty ? AbiJson.MAPPER.createObjectNode() : AbiJson.MAPPER.valueToTree(configuration);
        List<String> violations = withBundleClassLoader(() -> {
            try {
                return messages(schema.validate(node));
            } catch (JsonSchemaException e) {
                return List.of("$: the configuration cannot be validated: " + e.getMessage());
            }
        });
        if (violations.isEmpty()) {
            FrozenJson.copy(given).ifPresent(copy -> lastValid = copy);
        }
        return violations;
    }

    /** Whether the plugin declares a schema, i.e. takes a configuration. */
    public boolean declared() {
        return schema != null;
    }

    private static List<String> messages(Set<ValidationMessage> messages) {
        return messages.stream()
                .sorted(Comparator.comparing((ValidationMessage m) -> String.valueOf(m.getInstanceLocation()))
                        .thenComparing(ValidationMessage::getMessage))
                .map(ValidationMessage::getMessage)
                .distinct()
                .toList();
    }

    /**
     * The validator finds its meta-schemas and messages through the thread's context class loader
     * first; in OSGi that loader is not this bundle's, so it is set for the duration.
     */
    private static <T> T withBundleClassLoader(Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(JsonMetaSchema.class.getClassLoader());
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
