package org.assessmentruntime.api.model;

import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a plugin asks to reach beyond its sandbox. A plugin gets nothing it does not ask for here,
 * and only what the operator's policy allows of what it asks: WASI gives it no files, no environment
 * and no network by default.
 *
 * @param directories host directories it reads
 * @param env         names of host environment variables passed through to it (names only: values
 *                    never appear in a manifest)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PluginGrants(List<DirectoryGrant> directories, List<String> env) {

    /** No access at all. */
    public static final PluginGrants NONE = new PluginGrants(List.of(), List.of());

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Validates and copies. */
    public PluginGrants {
        directories = Check.list(directories, "PluginGrants.directories");
        env = Check.list(env, "PluginGrants.env");
        for (String name : env) {
            if (!ENV_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("PluginGrants.env '" + name
                        + "' is not an environment variable name (letters, digits, '_'; not starting with a digit)");
            }
        }
    }
}
