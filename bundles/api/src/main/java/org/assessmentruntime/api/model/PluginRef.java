package org.assessmentruntime.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A plugin as a job asks for it: a name and a version constraint, resolved to one installed
 * {@link PluginId} by the plugin manager.
 *
 * <p>The constraint's syntax ({@code 1.2.3}, {@code ^1.2}, {@code ~1.2.0}, {@code >=1.0 <2},
 * {@code *}) belongs to the plugin manager that evaluates it, so that there is one parser for it; here
 * it is only trimmed. Leaving it out means {@value #ANY}: most jobs want the newest installed version.
 *
 * @param name    {@code namespace/name}, see {@link PluginId#NAME_PATTERN}
 * @param version the version constraint; {@value #ANY} when absent
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PluginRef(String name, String version) {

    /** The constraint every version satisfies. */
    public static final String ANY = "*";

    /** Validates the name; an absent constraint becomes {@value #ANY}. */
    public PluginRef {
        name = PluginId.requireName(name, "PluginRef.name");
        version = version == null || version.isBlank() ? ANY : version.strip();
    }

    /**
     * Parses {@code namespace/name} or {@code namespace/name@constraint}, as typed in the shell.
     *
     * @param text the text to parse
     * @return the reference
     * @throws IllegalArgumentException if the name is not valid
     */
    public static PluginRef parse(String text) {
        Check.text(text, "plugin reference");
        int at = text.indexOf('@');
        return at < 0 ? new PluginRef(text, ANY) : new PluginRef(text.substring(0, at), text.substring(at + 1));
    }

    /** {@code namespace/name@constraint}. */
    @Override
    public String toString() {
        return name + "@" + version;
    }
}
