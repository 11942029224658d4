package org.assessmentruntime.api;

import java.util.List;
import java.util.Optional;

import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.api.model.PluginId;
import org.assessmentruntime.api.model.PluginRef;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Installs, upgrades and removes plugins: resolves references against the configured registries,
 * downloads, verifies digests and Ed25519 signatures against the trusted keys, compiles the module
 * once to reject what cannot run, and puts the result in the {@link PluginStore}.
 *
 * <p>Which version runs for a reference is always the highest installed version satisfying it
 * ({@link #resolve}); installing, upgrading, removing and rolling back change what runs only through
 * that rule.
 *
 * <p>Thread-safe; changes to the same plugin are serialised. Network operations block the caller.
 */
@ProviderType
public interface PluginManager {

    /**
     * Installs the highest registry version satisfying a reference; does nothing when that version is
     * already installed.
     *
     * @param ref the plugin and version constraint
     * @return the installed version
     * @throws NotFoundException           if no registry has a version satisfying it
     * @throws PluginVerificationException if the download fails verification; nothing is installed
     * @throws AssessmentException         if a registry cannot be reached or the store fails
     */
    InstalledPlugin install(PluginRef ref) throws AssessmentException;

    /**
     * Installs the newest registry version of an installed plugin, if newer than the highest installed.
     *
     * @param name {@code namespace/name}
     * @return the newly installed version, or empty when already up to date
     * @throws NotFoundException           if the plugin is not installed
     * @throws PluginVerificationException if the download fails verification; nothing changes
     * @throws AssessmentException         if a registry cannot be reached or the store fails
     */
    Optional<InstalledPlugin> upgrade(String name) throws AssessmentException;

    /**
     * {@link #upgrade Upgrades} every installed plugin, going on past plugins that fail.
     *
     * @return the newly installed versions
     * @throws AssessmentException if any upgrade failed, after trying all; its message lists the failures
     */
    List<InstalledPlugin> upgradeAll() throws AssessmentException;

    /**
     * Removes the installed versions a reference matches: {@code acme/x} removes every version,
     * {@code acme/x@1.2.0} that one. Compiled modules are evicted from the executor.
     *
     * @param ref the versions to remove
     * @return the removed versions
     * @throws NotFoundException   if no installed version matches
     * @throws AssessmentException if the store fails
     */
    List<InstalledPlugin> remove(PluginRef ref) throws AssessmentException;

    /**
     * Goes back to the previous version: removes the highest installed version of a plugin, so that
     * the next lower one runs again.
     *
     * @param name {@code namespace/name}
     * @return the version that now runs
     * @throws NotFoundException   if the plugin is not installed, or has no lower version to go back to
     * @throws AssessmentException if the store fails
     */
    InstalledPlugin rollback(String name) throws AssessmentException;

    /**
     * Checks an installed version again: digest of the stored bytes, and signature against the keys
     * trusted now (a key may have been revoked since installation).
     *
     * @param id the version
     * @return the plugin, as verified now
     * @throws NotFoundException           if it is not installed
     * @throws PluginVerificationException if it no longer verifies
     * @throws AssessmentException         if the store fails
     */
    InstalledPlugin verify(PluginId id) throws AssessmentException;

    /** Every installed version, ordered by {@link PluginId}. */
    List<InstalledPlugin> installed();

    /**
     * The installed version that runs for a reference. Local only: never downloads.
     *
     * @param ref the plugin and version constraint
     * @return the highest installed version satisfying it, or empty
     * @throws IllegalArgumentException if the constraint cannot be parsed
     */
    Optional<InstalledPlugin> resolve(PluginRef ref);
}
