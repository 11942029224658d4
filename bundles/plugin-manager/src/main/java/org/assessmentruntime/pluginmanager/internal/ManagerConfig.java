package org.assessmentruntime.pluginmanager.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the plugin manager (PID {@code org.assessmentruntime.pluginmanager}). */
@ObjectClassDefinition(name = "Assessment Runtime Plugin Manager",
        description = "Where local plugins are installed from, and whether they may be unsigned.")
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
     * Whether local plugins without a signature are installed. On in standalone mode (the only mode so
     * far); a runtime managed by a control plane is expected to turn it off.
     */
    @AttributeDefinition(description = "Install local plugins that carry no signature (standalone use).")
    boolean allowUnsignedLocal() default true;
}
