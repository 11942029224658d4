/**
 * The runtime's domain model: plugins and their manifests, job definitions and schedules, what a
 * plugin run receives and returns, assessment results with their evidence, and the state of their
 * delivery to the control plane.
 *
 * <p>Every type is an immutable record that validates itself: a required field that is missing or
 * malformed fails construction with an {@link IllegalArgumentException} whose message names the field
 * (e.g. {@code Finding.description is required}), so bad input — a plugin's manifest, its output, a
 * job pushed by the control plane — is rejected where it enters, with an error an operator can act on.
 * Collections are copied on construction ({@code null} becomes empty) and are unmodifiable.
 *
 * <p>The records serialise with Jackson 2.12+ as they are (register {@code JavaTimeModule} for
 * {@code Instant}, {@code Duration} and {@code ZoneId}). Property names are the record components'
 * names in camelCase: these JSON documents (plugin manifest, plugin input and output, stored results)
 * are formats of this runtime. Only vocabularies taken from OSCAL keep OSCAL's tokens
 * ({@code not-satisfied}, {@code deviation-requested}, …) so that plugin authors write what they know
 * and the OSCAL export copies them verbatim; mapping onto the control plane's kebab-case evidence
 * object is the delivery's job, not the model's.
 *
 * <p>Free-form JSON (a plugin's configuration and its configuration schema) is held as
 * {@code Map<String, Object>} of plain JSON values rather than a Jackson {@code JsonNode}: the API
 * then depends on jackson-annotations only, whose package Jackson 3 keeps, instead of on
 * jackson-databind, whose package Jackson 3 renames; and the maps are deep-copied into unmodifiable
 * structures, which a mutable {@code ObjectNode} could not give. A consumer that needs a tree (schema
 * validation, merge patch) converts with {@code ObjectMapper.valueToTree}.
 */
@Export
@Version("0.5.0")
package org.assessmentruntime.api.model;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
