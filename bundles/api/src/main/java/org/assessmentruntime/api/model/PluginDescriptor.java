package org.assessmentruntime.api.model;

import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A plugin's manifest, {@code plugin.json}, shipped and signed together with its WebAssembly module.
 *
 * @param name         {@code namespace/name}, see {@link PluginId#NAME_PATTERN}
 * @param version      exact semantic version, see {@link PluginId}
 * @param description  what the plugin checks, for operators; may be empty
 * @param abiVersion   version of the contract between runtime and plugin (stdin {@link JobContext},
 *                     stdout {@link PluginOutput}, exit codes) the plugin was built for; the runtime
 *                     refuses plugins whose ABI it does not speak, see {@link JobContext#ABI_VERSION}
 * @param configSchema JSON Schema of the {@linkplain Activity#configuration() configuration} the plugin
 *                     accepts, as plain JSON values (see the package documentation for why not a
 *                     {@code JsonNode}); empty means the plugin takes no configuration
 * @param grants       access it needs beyond the sandbox; {@link PluginGrants#NONE} when absent
 * @param limits       limits it expects to run within; operators may only tighten them, see
 *                     {@link ResourceLimits#stricterOf}; {@link ResourceLimits#DEFAULTS} when absent
 * @param engine       engine it prefers ({@code chicory}, {@code wasmtime}), for plugins that need
 *                     one engine's speed or features; empty for no preference
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PluginDescriptor(String name, String version, String description, int abiVersion,
        Map<String, Object> configSchema, PluginGrants grants, ResourceLimits limits, String engine) {

    /** Engine names: they are also OSGi service property values and shell arguments. */
    static final Pattern ENGINE = Pattern.compile("[a-z][a-z0-9-]*");

    /** Validates and copies. */
    public PluginDescriptor {
        name = PluginId.requireName(name, "PluginDescriptor.name");
        version = PluginId.requireVersion(version, "PluginDescriptor.version");
        description = Check.optional(description);
        if (abiVersion < 1) {
            throw new IllegalArgumentException("PluginDescriptor.abiVersion is required (1 or higher), got "
                    + abiVersion);
        }
        configSchema = Check.json(configSchema, "PluginDescriptor.configSchema");
        grants = grants == null ? PluginGrants.NONE : grants;
        limits = limits == null ? ResourceLimits.DEFAULTS : limits;
        engine = engine(engine, "PluginDescriptor.engine");
    }

    /** This plugin's name and version. */
    public PluginId id() {
        return new PluginId(name, version);
    }

    static String engine(String engine, String field) {
        if (engine == null || engine.isEmpty()) {
            return "";
        }
        if (!ENGINE.matcher(engine).matches()) {
            throw new IllegalArgumentException(field + " '" + engine
                    + "' must be lower-case letters, digits and '-', starting with a letter");
        }
        return engine;
    }
}
