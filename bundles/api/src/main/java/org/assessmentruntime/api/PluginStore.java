package org.assessmentruntime.api;

import java.util.List;
import java.util.Optional;

import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.api.model.PluginId;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The local, content-addressed store of plugins that passed verification. It does not verify
 * signatures (the {@link PluginManager} does that before {@link #put}); it guarantees that what it
 * hands out is byte for byte what was put in.
 *
 * <p>Thread-safe. A crash at any point leaves either the old or the new state, never a half-written
 * plugin.
 */
@ProviderType
public interface PluginStore {

    /**
     * Stores a verified plugin: module and metadata together, atomically, and durably on return.
     * Storing the same name, version and digest again returns the stored entry unchanged.
     *
     * @param plugin the metadata; its digest must be the module's
     * @param module the module's bytes
     * @return what is stored
     * @throws PluginVerificationException if the module's digest is not {@code plugin.digest()}
     * @throws AssessmentException         if this name and version is stored with another digest
     *                                     (a version never changes once published), or on I/O failure
     */
    InstalledPlugin put(InstalledPlugin plugin, byte[] module) throws AssessmentException;

    /**
     * Looks up one stored version.
     *
     * @param id the plugin and version
     * @return its metadata, or empty when not stored
     */
    Optional<InstalledPlugin> find(PluginId id);

    /**
     * Reads a stored module, checking its digest on every read so that a module altered on disk is
     * never run.
     *
     * @param digest the module's digest
     * @return its bytes
     * @throws NotFoundException           if no stored module has that digest
     * @throws PluginVerificationException if the bytes on disk no longer match the digest
     * @throws AssessmentException         on I/O failure
     */
    byte[] module(Digest digest) throws AssessmentException;

    /** Every stored version, ordered by {@link PluginId} (name, then version precedence). */
    List<InstalledPlugin> list();

    /**
     * The version a rollback from {@code id} goes back to.
     *
     * @param id a plugin version
     * @return the highest stored version of the same plugin lower than {@code id}, or empty
     */
    Optional<InstalledPlugin> previous(PluginId id);

    /**
     * Removes one version. Its module bytes stay until {@link #gc()} when another version shares them.
     *
     * @param id the plugin version
     * @throws NotFoundException   if it is not stored
     * @throws AssessmentException on I/O failure
     */
    void remove(PluginId id) throws AssessmentException;

    /**
     * Deletes modules no stored version references, and leftovers of interrupted puts.
     *
     * @return bytes freed
     * @throws AssessmentException on I/O failure
     */
    long gc() throws AssessmentException;
}
