package org.assessmentruntime.pluginmanager.internal;

import java.util.List;
import java.util.Optional;

import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.api.model.PluginRef;

/**
 * Which installed version a reference resolves to: the highest signed version the constraint (and the
 * reference's digest and source pins) allows; an unsigned one only when unsigned plugins are allowed and
 * no signed version fits. So an unsigned version dropped into the deploy folder or a local directory
 * never stands in for a signed one, however high its version.
 */
final class Resolution {

    private Resolution() {
    }

    /**
     * @param versions      the plugin's installed versions, lowest first (as the store lists them)
     * @param ref           the reference
     * @param constraint    its version constraint, parsed
     * @param allowUnsigned whether unsigned plugins may run
     * @return the version to run, if any fits
     */
    static Optional<InstalledPlugin> resolve(List<InstalledPlugin> versions, PluginRef ref,
            VersionConstraint constraint, boolean allowUnsigned) {
        // Versions come in ascending order: the last match is the highest.
        InstalledPlugin signed = null;
        InstalledPlugin unsigned = null;
        for (InstalledPlugin plugin : versions) {
            if (!matches(plugin, ref, constraint)) {
                continue;
            }
            if (plugin.signature() == InstalledPlugin.SignatureStatus.VERIFIED) {
                signed = plugin;
            } else if (allowUnsigned) {
                unsigned = plugin;
            }
        }
        return Optional.ofNullable(signed != null ? signed : unsigned);
    }

    private static boolean matches(InstalledPlugin plugin, PluginRef ref, VersionConstraint constraint) {
        return constraint.allows(plugin.id().version())
                && (ref.digest() == null || ref.digest().equals(plugin.digest()))
                && (ref.source() == null || ref.source() == plugin.source());
    }
}
