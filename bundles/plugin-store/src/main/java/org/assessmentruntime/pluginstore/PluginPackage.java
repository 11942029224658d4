package org.assessmentruntime.pluginstore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.DirectoryGrant;
import org.assessmentruntime.api.model.JobContext;
import org.assessmentruntime.api.model.PluginDescriptor;
import org.assessmentruntime.api.model.PluginId;
import org.assessmentruntime.pluginstore.internal.ConfigSchema;

/**
 * A plugin as it is run: its manifest ({@code plugin.json}, a {@link PluginDescriptor}), its WebAssembly
 * module ({@code plugin.wasm}) and the module's SHA-256 digest, with the manifest's configuration schema
 * compiled. Only plugins of a supported ABI version ({@value JobContext#ABI_VERSION}) can be built.
 *
 * <p>Immutable and thread-safe; the module bytes are copied on the way in and out.
 */
public final class PluginPackage {

    /** File name of the manifest in a plugin directory. */
    public static final String MANIFEST = "plugin.json";

    /** File name of the module in a plugin directory. */
    public static final String MODULE = "plugin.wasm";

    /** ABI versions this runtime speaks. */
    public static final Set<Integer> SUPPORTED_ABI_VERSIONS = Set.of(JobContext.ABI_VERSION);

    private static final byte[] WASM_MAGIC = { 0x00, 0x61, 0x73, 0x6d };

    private final PluginDescriptor descriptor;
    private final byte[] module;
    private final Digest digest;
    private final ConfigSchema configSchema;

    private PluginPackage(PluginDescriptor descriptor, byte[] module, Digest digest, ConfigSchema configSchema) {
        this.descriptor = descriptor;
        this.module = module;
        this.digest = digest;
        this.configSchema = configSchema;
    }

    /**
     * Loads a plugin from disk.
     *
     * @param path a plugin directory holding {@value #MANIFEST} and {@value #MODULE}; or the path of its
     *             {@value #MANIFEST} (the module is the {@value #MODULE} beside it); or the path of a
     *             {@code .wasm} module with {@value #MANIFEST} beside it
     * @return the plugin
     * @throws InvalidPluginException naming the file (and, for a bad manifest, the field) when a file is
     *                                missing or unreadable, the manifest is invalid, its schema is not a
     *                                valid JSON Schema, the module is no WebAssembly module, or the ABI
     *                                version is not supported
     */
    public static PluginPackage load(Path path) throws InvalidPluginException {
        Objects.requireNonNull(path, "path");
        Path manifest;
        Path wasm;
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        if (Files.isDirectory(path)) {
            manifest = path.resolve(MANIFEST);
            wasm = path.resolve(MODULE);
        } else if (name.equals(MANIFEST)) {
            manifest = path;
            wasm = sibling(path, MODULE);
        } else if (name.endsWith(".wasm")) {
            manifest = sibling(path, MANIFEST);
            wasm = path;
        } else if (!Files.exists(path)) {
            throw new InvalidPluginException("plugin not found: " + path + " does not exist");
        } else {
            throw new InvalidPluginException("not a plugin: " + path + " is neither a plugin directory (with "
                    + MANIFEST + " and " + MODULE + "), nor its " + MANIFEST + ", nor a .wasm module with "
                    + MANIFEST + " beside it");
        }
        PluginDescriptor descriptor = parse(read(manifest, "manifest"), manifest.toString());
        ConfigSchema schema = check(descriptor, manifest.toString());
        return create(descriptor, read(wasm, "module"), schema, wasm.toString());
    }

    /**
     * A plugin from a manifest and module bytes already at hand (e.g. from the plugin store).
     *
     * @param descriptor the manifest
     * @param module     the module's bytes
     * @return the plugin
     * @throws InvalidPluginException if the ABI version is not supported, the schema is not a valid JSON
     *                                Schema or the bytes are no WebAssembly module
     */
    public static PluginPackage of(PluginDescriptor descriptor, byte[] module) throws InvalidPluginException {
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(module, "module");
        ConfigSchema schema = check(descriptor, MANIFEST + " of " + descriptor.id());
        return create(descriptor, module.clone(), schema, MODULE + " of " + descriptor.id());
    }

    /**
     * Reads a manifest strictly (unknown fields, duplicate keys, trailing content and type coercions are
     * errors) and checks what the record alone does not: a supported ABI version, absolute grant paths
     * without duplicates, a valid configuration schema.
     *
     * @param json   the manifest's bytes (UTF-8 JSON)
     * @param source where it comes from, for messages (e.g. its path)
     * @return the descriptor
     * @throws InvalidPluginException naming the source and the field at fault
     */
    public static PluginDescriptor readDescriptor(byte[] json, String source) throws InvalidPluginException {
        PluginDescriptor descriptor = parse(json, source);
        check(descriptor, source);
        return descriptor;
    }

    private static PluginDescriptor parse(byte[] json, String source) throws InvalidPluginException {
        try {
            return AbiJson.read(json, PluginDescriptor.class);
        } catch (IllegalArgumentException e) {
            throw new InvalidPluginException(source + ": invalid manifest: " + e.getMessage(), e);
        }
    }

    /** Checks what the record alone does not, and compiles the configuration schema. */
    private static ConfigSchema check(PluginDescriptor descriptor, String source) throws InvalidPluginException {
        if (!SUPPORTED_ABI_VERSIONS.contains(descriptor.abiVersion())) {
            throw new InvalidPluginException(source + ": abiVersion " + descriptor.abiVersion()
                    + " is not supported; this runtime speaks plugin ABI version " + JobContext.ABI_VERSION);
        }
        List<DirectoryGrant> directories = descriptor.grants().directories();
        Set<String> guestPaths = new HashSet<>();
        for (int i = 0; i < directories.size(); i++) {
            DirectoryGrant grant = directories.get(i);
            if (!grant.hostPath().startsWith("/")) {
                throw new InvalidPluginException(source + ": at $.grants.directories[" + i + "].hostPath: '"
                        + grant.hostPath() + "' must be an absolute path");
            }
            if (!guestPaths.add(grant.guestPath())) {
                throw new InvalidPluginException(source + ": at $.grants.directories[" + i + "].guestPath: '"
                        + grant.guestPath() + "' is granted more than once");
            }
        }
        try {
            return ConfigSchema.compile(descriptor.configSchema());
        } catch (IllegalArgumentException e) {
            throw new InvalidPluginException(source + ": at $.configSchema: " + e.getMessage(), e);
        }
    }

    private static PluginPackage create(PluginDescriptor descriptor, byte[] module, ConfigSchema schema,
            String moduleSource) throws InvalidPluginException {
        if (module.length < WASM_MAGIC.length
                || !Arrays.equals(module, 0, WASM_MAGIC.length, WASM_MAGIC, 0, WASM_MAGIC.length)) {
            throw new InvalidPluginException(moduleSource + ": not a WebAssembly module (it does not start with"
                    + " the bytes \\0asm)");
        }
        return new PluginPackage(descriptor, module, Digest.sha256(module), schema);
    }

    private static Path sibling(Path path, String name) {
        Path parent = path.toAbsolutePath().getParent();
        return parent == null ? Path.of(name) : parent.resolve(name);
    }

    private static byte[] read(Path file, String what) throws InvalidPluginException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidPluginException("plugin " + what + " not found: " + file + " does not exist", e);
        } catch (IOException e) {
            throw new InvalidPluginException("cannot read the plugin " + what + " " + file + ": " + e, e);
        }
    }

    /** The manifest. */
    public PluginDescriptor descriptor() {
        return descriptor;
    }

    /** The plugin's name and version. */
    public PluginId id() {
        return descriptor.id();
    }

    /** A copy of the module's bytes. */
    public byte[] module() {
        return module.clone();
    }

    /**
     * The module's bytes themselves, not a copy, for the job runner: it hands them straight to an
     * {@link org.assessmentruntime.api.model.ExecutionRequest}, which copies them anyway, and a second copy
     * per run is what this saves. Callers must not modify the array; others use {@link #module()}.
     *
     * @return the module's bytes, shared
     */
    public byte[] moduleBytes() {
        return module;
    }

    /** The SHA-256 digest of the module. */
    public Digest digest() {
        return digest;
    }

    /**
     * Validates a configuration against the manifest's {@code configSchema} (JSON Schema 2020-12). A
     * plugin without a schema takes no configuration: only an empty one is valid.
     *
     * @param configuration the configuration as plain JSON values; {@code null} or empty is validated as
     *                      the empty object
     * @return every violation, each starting with the JSON path of the offending value, e.g.
     *         {@code $.maxAuthTries: must have a minimum value of 1}; empty when the configuration is valid
     */
    public List<String> validateConfiguration(Map<String, Object> configuration) {
        return configSchema.validate(configuration);
    }

    /** {@code name@version (sha256:…)}. */
    @Override
    public String toString() {
        return descriptor.id() + " (" + digest + ")";
    }
}
