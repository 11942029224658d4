package org.assessmentruntime.api.model;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A plugin as a job asks for it: a name and a version constraint, resolved to one installed
 * {@link PluginId} by the plugin manager; optionally pinned to one module digest and/or one source.
 *
 * <p>The constraint's syntax ({@code 1.2.3}, {@code ^1.2}, {@code ~1.2.0}, {@code >=1.0 <2},
 * {@code *}) belongs to the plugin manager that evaluates it, so that there is one parser for it; here
 * it is only trimmed. Leaving it out means {@value #ANY}: most jobs want the newest installed version.
 *
 * <p>A pin narrows what the constraint allows: with {@link #digest} only a version whose module has
 * exactly that digest runs, with {@link #source} only one installed from there (e.g.
 * {@link InstalledPlugin.Source#REGISTRY}). A job pins so that a version dropped into a deploy folder or
 * a local directory cannot stand in for the one it was written for; a pin that nothing installed
 * matches leaves the plugin unavailable, it never falls back to another version.
 *
 * @param name    {@code namespace/name}, see {@link PluginId#NAME_PATTERN}
 * @param version the version constraint; {@value #ANY} when absent
 * @param digest  the module digest the version must have, or null for any
 * @param source  where the version must have been installed from, or null for anywhere
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PluginRef(String name, String version, Digest digest, InstalledPlugin.Source source) {

    /** The constraint every version satisfies. */
    public static final String ANY = "*";

    /** Validates the name; an absent constraint becomes {@value #ANY}. */
    public PluginRef {
        name = PluginId.requireName(name, "PluginRef.name");
        version = version == null || version.isBlank() ? ANY : version.strip();
    }

    /**
     * A reference without pins.
     *
     * @param name    {@code namespace/name}
     * @param version the version constraint; {@value #ANY} when null or blank
     */
    public PluginRef(String name, String version) {
        this(name, version, null, null);
    }

    /**
     * From JSON (a job definition): {@code digest} may be written {@code sha256:<hex>} or as the 64 hex
     * digits alone.
     *
     * @param name    {@code namespace/name}
     * @param version the version constraint
     * @param digest  the pinned module digest, or null
     * @param source  the pinned source, or null
     * @return the reference
     * @throws IllegalArgumentException naming {@code PluginRef.digest} if the digest is malformed
     */
    @JsonCreator
    public static PluginRef of(@JsonProperty("name") String name, @JsonProperty("version") String version,
            @JsonProperty("digest") String digest, @JsonProperty("source") InstalledPlugin.Source source) {
        return new PluginRef(name, version, digest(digest), source);
    }

    private static Digest digest(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        try {
            return value.indexOf(':') < 0 ? new Digest(Digest.SHA256, value) : Digest.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PluginRef.digest '" + value + "' is neither sha256:<64 hex digits>"
                    + " nor 64 hex digits: " + e.getMessage(), e);
        }
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

    /** Whether a digest or source pin narrows the constraint. */
    public boolean pinned() {
        return digest != null || source != null;
    }

    /** {@code namespace/name@constraint}, then the pins when there are any. */
    @Override
    public String toString() {
        return name + "@" + version + (digest == null ? "" : " pinned to " + digest)
                + (source == null ? "" : (digest == null ? " pinned to" : " and") + " source "
                        + source.name().toLowerCase(Locale.ROOT));
    }
}
