package org.assessmentruntime.configuration.internal;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.assessmentruntime.api.ControlPlaneConnection;
import org.assessmentruntime.api.ComponentId;

/**
 * Which settings the control plane may never change, whatever the overlay says. Remote configuration
 * tunes how the runtime works; it must not decide whom the runtime trusts, which code it loads, where on
 * the host it reads and writes, or how much a plugin may take of the host (ceilings, grants), because
 * those are what protect the host from a compromised or misdirected control plane. An overlay naming
 * any of them is rejected whole.
 */
final class RemotePolicy {

    /** Only the runtime's own components are remotely configurable. */
    static final String PID_PREFIX = ComponentId.BUNDLE_PREFIX;

    /** PIDs that are off limits as a whole, and why. */
    private static final Map<String, String> DENIED_PIDS = Map.of(
            // The connection: URL, credentials, TLS, and the remote-configuration switch itself.
            ControlPlaneConnection.PID, "the control-plane connection (URL, credentials, remote-configuration mode)"
                    + " is local only",
            // This bundle's own policy, should it ever get settings: the switch must stay local.
            "org.assessmentruntime.configuration", "the remote-configuration policy is local only",
            // Credentials and identity, should authentication get a PID of its own.
            "org.assessmentruntime.authentication", "authentication settings are local only",
            // A change restarts the CamelContext, which carries this very sync and its report.
            "org.assessmentruntime.camel", "a change restarts the Camel context that carries remote configuration",
            // Its only setting is where a native library is loaded from: native code in the JVM.
            "org.assessmentruntime.engine.wasmtime", "it decides where native code is loaded from",
            // Who may read the HTTP surface (remote clients, authentication): an exposure decision.
            "org.assessmentruntime.http", "it decides who may read the runtime over HTTP");

    /** Keys that are off limits within otherwise configurable PIDs, and why. */
    private static final Map<String, Map<String, String>> DENIED_KEYS = Map.of(
            "org.assessmentruntime.pluginmanager", Map.of(
                    // The trust anchor of plugin signatures.
                    "trustedKeysFile", "it decides which keys plugin signatures are trusted from",
                    // Turning either on would let unsigned code run (allowUnsigned is the newer name).
                    "allowUnsignedLocal", "it decides whether unsigned plugins may run",
                    "allowUnsigned", "it decides whether unsigned plugins may run",
                    // Where plugin code is downloaded from.
                    "registryUrl", "it decides which registry plugin code is downloaded from",
                    "ociRegistry", "it decides which registry plugin code is downloaded from",
                    // Host directories whose plugins are installed, unsigned ones included.
                    "localDirectories", "it decides which host directories plugins are installed from",
                    // Pins the exact bytes of every registry plugin.
                    "lockFile", "it pins the digests of installed plugins"),
            // Ceilings and grants protect the host from plugins: a remote overlay may lower work, never raise them.
            "org.assessmentruntime.jobrunner", Map.of(
                    "maxTimeoutSeconds", "it is a ceiling that protects the host from plugins",
                    "maxMemoryMiB", "it is a ceiling that protects the host from plugins",
                    "allowedDirectories", "it decides which host directories plugins may be granted",
                    "allowedEnv", "it decides which environment variables plugins may be granted"),
            "org.assessmentruntime.wasmexecutor", Map.of(
                    "maxOpenFiles", "it is a ceiling that protects the host from plugins"),
            // Where verified plugin modules are kept and loaded from.
            "org.assessmentruntime.pluginstore", Map.of("directory", "it decides where plugin code is loaded from"),
            // Where results live; moving it remotely would strand undelivered results.
            "org.assessmentruntime.resultscollector", Map.of(
                    "dataDirectory", "it decides where results are stored on the host",
                    "maxStoreSizeMb", "it decides how much of the host's disk the result store may take"),
            // Remote jobs are written into this directory; it must not be redirected remotely.
            "org.assessmentruntime.scheduler", Map.of("jobsDirectory",
                    "it decides which host directory job files are read from",
                    // Raised remotely it rejects every local job; it is the host's guard against floods.
                    "minIntervalSeconds", "it decides how often a job may run on this host"));

    /** Keys ConfigAdmin and FileInstall keep in every configuration; never settings. */
    static final Set<String> FRAMEWORK_KEYS = Set.of("service.pid", "service.factoryPid", "service.bundleLocation",
            "felix.fileinstall.filename");

    private RemotePolicy() {
    }

    /** Why a PID may not be configured remotely; empty when it may. */
    static Optional<String> refusePid(String pid) {
        if (!pid.startsWith(PID_PREFIX)) {
            return Optional.of("only the runtime's own PIDs (" + PID_PREFIX + "*) are remotely configurable");
        }
        return Optional.ofNullable(DENIED_PIDS.get(pid));
    }

    /** Why a key of a PID may not be configured remotely; empty when it may. */
    static Optional<String> refuseKey(String pid, String key) {
        if (FRAMEWORK_KEYS.contains(key)) {
            return Optional.of("it is kept by ConfigAdmin, not a setting");
        }
        return Optional.ofNullable(DENIED_KEYS.getOrDefault(pid, Map.of()).get(key));
    }
}
