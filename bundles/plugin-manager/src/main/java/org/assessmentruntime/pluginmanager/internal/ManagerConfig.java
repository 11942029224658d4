package org.assessmentruntime.pluginmanager.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the plugin manager (PID {@code org.assessmentruntime.pluginmanager}). */
@ObjectClassDefinition(name = "Assessment Runtime Plugin Manager",
        description = "Where plugins are installed from (local directories, a registry), and how they are verified.")
public @interface ManagerConfig {

    /**
     * Directories scanned at start and on every configuration change: each sub-directory holding
     * {@code plugin.json} and {@code plugin.wasm} (or the directory itself, if it holds them) is installed
     * into the store.
     */
    @AttributeDefinition(description = "Directories whose plugin directories (plugin.json + plugin.wasm) are"
            + " installed at start; ${karaf.home} and other ${system.property} references are expanded."
            + " Empty for none.")
    String[] localDirectories() default { "${karaf.home}/plugins/examples" };

    /**
     * Whether plugins without a signature by a trusted key are installed and run (local directories,
     * deploy folder, plugin bundles; never from a registry). Off: an unsigned module dropped where the
     * runtime picks plugins up would otherwise run with whatever its manifest grants itself, and could
     * stand in for the signed version a job was written for. Local-only.
     */
    @AttributeDefinition(description = "Install and run plugins that carry no signature by a trusted key (local"
            + " directories, deploy folder, plugin bundles; registry plugins are always verified). Off by"
            + " default: only for development. Even when on, a signed version is always preferred.")
    boolean allowUnsigned() default false;

    /**
     * The former name of {@link #allowUnsigned()}, still read so that an existing configuration keeps its
     * meaning: {@code true} here allows unsigned plugins as {@code allowUnsigned=true} does.
     */
    @AttributeDefinition(description = "Deprecated: former name of allowUnsigned (true here is read as"
            + " allowUnsigned=true). Empty for unset.", required = false)
    String allowUnsignedLocal() default "";

    /** Base URL of the plugin registry (plugins/REGISTRY.md); empty for none. */
    @AttributeDefinition(description = "Base URL of the plugin registry (HTTPS; plain HTTP only to loopback"
            + " hosts). Empty for none: plugins then come from the local directories only.")
    String registryUrl() default "";

    /**
     * OCI registry plugins come from instead ({@code oci://HOST[:PORT][/PREFIX]}; plugin {@code ns/name}
     * is repository {@code PREFIX/ns/name}, its versions are tags); empty for none.
     */
    @AttributeDefinition(description = "OCI registry to install plugins from instead of registryUrl:"
            + " oci://HOST[:PORT][/PREFIX]; plugin ns/name is the repository PREFIX/ns/name, its versions are tags."
            + " HTTPS, or plain HTTP to loopback hosts. Empty for none.")
    String ociRegistry() default "";

    /** Properties file of trusted Ed25519 keys, {@code keyId = base64 key}. */
    @AttributeDefinition(description = "Properties file of the Ed25519 public keys trusted to sign plugins (registry,"
            + " local directories, deploy folder): keyId = base64 X.509 SubjectPublicKeyInfo or raw 32-byte key."
            + " Local-only.")
    String trustedKeysFile() default "${karaf.etc}/plugins.trusted-keys.properties";

    /** Deadline of one request to the plugin registry, reply body included. */
    @AttributeDefinition(description = "Seconds one request to the plugin registry may take from sending it to the"
            + " last byte of the reply (1..3600); a registry that answers more slowly is reported unavailable.")
    int registryRequestTimeoutSeconds() default 60;

    /** The lock file: version and digest of every registry-installed plugin. */
    @AttributeDefinition(description = "Lock file recording the version and SHA-256 of every plugin installed"
            + " from the registry; only upgrade moves it.")
    String lockFile() default "${karaf.etc}/plugins.lock.json";
}
