package org.assessmentruntime.pluginmanager.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.ComponentId;
import org.assessmentruntime.api.HealthState;
import org.assessmentruntime.api.model.PluginId;

/**
 * The plugin manager's health, from one reading of its parts: degraded while the registry is unavailable
 * or a plugin was rejected or cannot run; work still under way in the background is reported but is not a
 * problem (the plugins run all the same).
 *
 * @param local       the last pass over the local directories
 * @param counts      versions installed, then distinct plugins
 * @param settings    the configuration in force
 * @param preparer    the executor's compiled modules
 * @param underWay    background work still under way, described
 * @param unusable    installed versions that cannot run, with the reason
 * @param hotDeployed how many providers provide a version
 * @param hotRejected refused providers with the reason, sorted
 * @param outage      the registry's last failure since its last success, or null
 */
record ManagerHealth(LocalInstaller.Report local, int[] counts, Settings settings, Preparer preparer,
        List<String> underWay, Map<PluginId, String> unusable, int hotDeployed, Map<String, String> hotRejected,
        RegistrySource.Outage outage) {

    ComponentHealth toHealth() {
        Map<String, String> facts = facts();
        List<String> problems = new ArrayList<>();
        local.rejected().forEach(r -> problems.add(r.source() + " (" + r.reason() + ")"));
        hotRejected.forEach((provider, reason) -> problems.add(provider + " (" + reason + ")"));
        unusable.forEach((id, reason) -> problems.add(reason));
        if (outage != null || !problems.isEmpty()) {
            List<String> summary = new ArrayList<>();
            if (outage != null) {
                summary.add("plugin registry unavailable since " + outage.since() + " (" + outage.reason()
                        + "); running with the " + counts[0] + " installed plugin versions");
            }
            if (!problems.isEmpty()) {
                summary.add(problems.size() + " plugins rejected or not runnable: " + String.join("; ", problems));
            }
            return new ComponentHealth(ComponentId.PLUGIN_MANAGER, HealthState.DEGRADED, String.join("; ", summary),
                    facts);
        }
        RegistryInstaller.Config registry = settings.registry();
        return new ComponentHealth(ComponentId.PLUGIN_MANAGER, HealthState.UP, counts[0] + " plugin versions installed ("
                + counts[1] + " plugins), " + local.installed() + " installed from local directories now;"
                + (registry == null ? " no registry configured" : " registry " + registry.url())
                + (underWay.isEmpty() ? "" : "; in the background: " + String.join("; ", underWay)),
                facts);
    }

    private Map<String, String> facts() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("versions", Integer.toString(counts[0]));
        facts.put("plugins", Integer.toString(counts[1]));
        facts.put("localDirectories", local.directories().toString());
        facts.put("localInstalled", Integer.toString(local.installed()));
        facts.put("localAlreadyInstalled", Integer.toString(local.present()));
        facts.put("localRejected", Integer.toString(local.rejected().size()));
        RegistryInstaller.Config registry = settings.registry();
        facts.put("registries", registry == null ? "none configured" : registry.url());
        if (registry != null) {
            facts.put("lockFile", registry.lockFile().toString());
        }
        facts.put("executor", preparer.hasExecutor() ? preparer.preparedCount() + " modules compiled" : "absent");
        if (!underWay.isEmpty()) {
            facts.put("inBackground", String.join("; ", underWay));
        }
        local.rejected().forEach(r -> facts.put("rejected:" + r.source(), r.reason()));
        unusable.forEach((id, reason) -> facts.put("unusable:" + id, reason));
        facts.put("hotDeployed", Integer.toString(hotDeployed));
        hotRejected.forEach((provider, reason) -> facts.put("rejected:" + provider, reason));
        if (outage != null) {
            facts.put("registryUnavailable", outage.reason());
            facts.put("registryUnavailableSince", outage.since().toString());
        }
        return facts;
    }
}
