package org.assessmentruntime.pluginmanager.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.NotFoundException;
import org.assessmentruntime.api.PluginStore;
import org.assessmentruntime.api.PluginVerificationException;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.api.model.PluginDescriptor;
import org.assessmentruntime.api.model.PluginId;
import org.assessmentruntime.api.model.PluginStatement;
import org.assessmentruntime.pluginstore.InvalidPluginException;
import org.assessmentruntime.pluginstore.PluginPackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs and upgrades plugins from the configured registry. Everything is downloaded and verified
 * (digest, signature by a trusted key, manifest, compilation) before anything is stored, so that the
 * store is unchanged by any failure. The caller serialises calls.
 */
final class RegistryInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryInstaller.class);

    /**
     * Where plugins come from and how they are checked.
     *
     * @param url             the registry's base URL
     * @param trustedKeysFile properties file of trusted keys ({@code keyId = base64 key}), or null
     * @param lockFile        the lock file
     * @param requestTimeout  the deadline of one request to the registry, reply body included
     */
    record Config(String url, Path trustedKeysFile, Path lockFile, java.time.Duration requestTimeout) {

        /** With the default request deadline. */
        Config(String url, Path trustedKeysFile, Path lockFile) {
            this(url, trustedKeysFile, lockFile, RegistryClient.REQUEST_TIMEOUT);
        }

        /** Whether {@link #url} names an OCI registry ({@code oci://…}) rather than a static one. */
        boolean oci() {
            return url.startsWith(OciClient.SCHEME);
        }
    }

    /** Where plugins are downloaded from: a static registry ({@link RegistryClient}) or an OCI one. */
    interface Source {

        /** The registry, for messages. */
        String base();

        /** The versions the registry lists, as written (not yet checked to be semantic versions). */
        List<String> versions(String name) throws AssessmentException;

        /** Downloads one version; the caller verifies it. {@code locked} is its lock entry, or null. */
        Candidate fetch(PluginId id, LockFile.Entry locked) throws AssessmentException;
    }

    /**
     * One downloaded, not yet verified, version.
     *
     * @param module         the module bytes
     * @param digest         the module digest the registry claims (and the signature is over)
     * @param signature      base64 Ed25519 signature over the {@link PluginStatement}
     * @param keyId          the signing key's id
     * @param manifest       the {@code plugin.json} bytes
     * @param moduleOrigin   where the module came from, for messages
     * @param manifestOrigin where the manifest came from, for messages
     * @param ociManifest    the OCI image manifest digest it was pulled by, or null
     */
    record Candidate(byte[] module, Digest digest, String signature, String keyId, byte[] manifest,
            String moduleOrigin, String manifestOrigin, String ociManifest) {
    }

    private final PluginStore store;
    private final Preparer preparer;
    private final Config config;
    private final LockFile lock;

    RegistryInstaller(PluginStore store, Preparer preparer, Config config) {
        this.store = store;
        this.preparer = preparer;
        this.config = config;
        this.lock = new LockFile(config.lockFile());
    }

    Config config() {
        return config;
    }

    private Source source() throws AssessmentException {
        return config.oci() ? new OciClient(config.url(), config.requestTimeout())
                : new RegistryClient(config.url(), config.requestTimeout());
    }

    TrustedKeys trustedKeys() throws AssessmentException {
        return TrustedKeys.load(config.trustedKeysFile());
    }

    /** Installs the highest registry version the constraint allows, or the locked one. */
    InstalledPlugin install(String name, VersionConstraint constraint) throws AssessmentException {
        return install(name, constraint, null);
    }

    /**
     * As {@link #install(String, VersionConstraint)}, refusing (before anything is stored) a version
     * whose module does not have the pinned digest.
     *
     * @param pin the module digest a job pins, or null
     */
    InstalledPlugin install(String name, VersionConstraint constraint, Digest pin) throws AssessmentException {
        Source client = source();
        Optional<LockFile.Entry> locked = lock.get(name);
        String version;
        if (locked.isPresent()) {
            version = locked.get().version();
            if (!constraint.allows(version)) {
                throw new AssessmentException("cannot install " + name + "@" + constraint + ": the lock file "
                        + lock.file() + " pins " + name + " to " + version + ", which the constraint does not allow;"
                        + " use upgrade to move the lock");
            }
        } else {
            version = highest(client, name, constraint);
        }
        PluginId id = new PluginId(name, version);
        Optional<InstalledPlugin> stored = store.find(id);
        if (stored.isPresent()) {
            checkPin(id, stored.get().digest(), pin);
            if (locked.isPresent() && !locked.get().digest().equals(stored.get().digest())) {
                throw new PluginVerificationException(id + " is installed with " + stored.get().digest()
                        + ", but the lock file " + lock.file() + " records " + locked.get().digest());
            }
            if (locked.isEmpty()) {
                lock.put(name, version, stored.get().digest());
            }
            return stored.get();
        }
        return fetchAndStore(client, id, locked.orElse(null), pin);
    }

    /** Installs the highest registry version if it is above every installed one; moves the lock. */
    Optional<InstalledPlugin> upgrade(String name, InstalledPlugin highestInstalled) throws AssessmentException {
        Source client = source();
        String version = highest(client, name, VersionConstraint.parse("*"));
        if (PluginId.compareVersions(version, highestInstalled.id().version()) <= 0) {
            LOG.info("{} is up to date at {} (registry: {})", name, highestInstalled.id().version(), version);
            return Optional.empty();
        }
        InstalledPlugin plugin = fetchAndStore(client, new PluginId(name, version), null, null);
        LOG.info("Upgraded {} from {} to {}", name, highestInstalled.id().version(), version);
        return Optional.of(plugin);
    }

    private String highest(Source client, String name, VersionConstraint constraint)
            throws AssessmentException {
        List<String> available;
        try {
            available = client.versions(name);
        } catch (NotFoundException e) {
            throw new NotFoundException("plugin registry " + client.base() + " does not know " + name + ": "
                    + e.getMessage());
        }
        String best = null;
        for (String version : available) {
            boolean valid;
            try {
                new PluginId(name, version);
                valid = true;
            } catch (IllegalArgumentException e) {
                valid = false;
                LOG.warn("Registry {} lists {} version '{}', which is no semantic version: ignored", client.base(),
                        name, version);
            }
            if (valid && constraint.allows(version) && (best == null || PluginId.compareVersions(version, best) > 0)) {
                best = version;
            }
        }
        if (best == null) {
            throw new NotFoundException("no version of " + name + " in plugin registry " + client.base()
                    + " satisfies '" + constraint + "'; available: " + available);
        }
        return best;
    }

    /** Downloads, verifies, compiles, stores and locks one version; nothing is stored unless all passes. */
    private static void checkPin(PluginId id, Digest digest, Digest pin) throws PluginVerificationException {
        if (pin != null && !pin.equals(digest)) {
            throw new PluginVerificationException(id + " has the module " + digest + ", not the pinned " + pin
                    + "; refused");
        }
    }

    private InstalledPlugin fetchAndStore(Source client, PluginId id, LockFile.Entry locked, Digest pin)
            throws AssessmentException {
        TrustedKeys keys = trustedKeys();
        Candidate candidate = client.fetch(id, locked);
        Digest expected = candidate.digest();
        if (locked != null && !locked.digest().equals(expected)) {
            throw new PluginVerificationException(id + ": the registry now publishes " + expected + ", but the lock"
                    + " file " + lock.file() + " records " + locked.digest() + "; refused (a version never changes)");
        }
        byte[] module = candidate.module();
        checkPin(id, expected, pin);
        if (!expected.matches(module)) {
            throw new PluginVerificationException(id + ": the module downloaded from " + candidate.moduleOrigin()
                    + " has the digest " + Digest.sha256(module) + ", but the registry record says " + expected
                    + "; refused (tampered or corrupted)");
        }
        // The statement is built from what was asked for and the bytes received: a trusted module served
        // under another name or version, or with another plugin.json, does not verify.
        keys.verify(id.toString(), candidate.keyId(), new PluginStatement(id.name(), id.version(), expected,
                Digest.sha256(candidate.manifest())), candidate.signature());
        PluginPackage pkg;
        try {
            PluginDescriptor descriptor = PluginPackage.readDescriptor(candidate.manifest(), candidate.manifestOrigin());
            pkg = PluginPackage.of(descriptor, module);
        } catch (InvalidPluginException e) {
            throw new PluginVerificationException(id + ": " + e.getMessage(), e);
        }
        if (!pkg.id().equals(id)) {
            throw new PluginVerificationException(id + ": the manifest " + candidate.manifestOrigin() + " is for "
                    + pkg.id() + ", not for the version the registry offered");
        }
        InstalledPlugin plugin = new InstalledPlugin(pkg.descriptor(), expected, InstalledPlugin.Source.REGISTRY,
                InstalledPlugin.SignatureStatus.VERIFIED, candidate.keyId(), Instant.now());
        preparer.prepare(plugin, module);
        InstalledPlugin stored = store.put(plugin, module);
        try {
            lock.put(id.name(), id.version(), expected, candidate.ociManifest());
        } catch (AssessmentException e) {
            store.remove(id);
            throw e;
        }
        LOG.info("Installed {} ({}) from plugin registry {}, signed by {}", id, expected, client.base(),
                candidate.keyId());
        return stored;
    }
}
