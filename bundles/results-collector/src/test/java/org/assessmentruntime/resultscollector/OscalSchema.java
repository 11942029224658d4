package org.assessmentruntime.resultscollector;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * NIST's JSON schema of OSCAL 1.1.2 assessment results, as liboscal-java 3.0.3 ships it
 * ({@code schema/json/oscal-ar_schema.json} in its jar), checked with networknt's validator (draft-07,
 * formats asserted, JDK regular expressions, which know OSCAL's {@code \p{L}} and {@code \p{N}}).
 */
final class OscalSchema {

    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
            .getSchema(SchemaLocation.of("classpath:schema/json/oscal-ar_schema.json"),
                    SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());

    private OscalSchema() {
    }

    static Set<ValidationMessage> validate(JsonNode document) {
        return SCHEMA.validate(document);
    }
}
