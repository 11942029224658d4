package org.assessmentruntime.pluginstore.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the plugin store (PID {@code org.assessmentruntime.pluginstore}). */
@ObjectClassDefinition(name = "Assessment Runtime Plugin Store",
        description = "Where verified plugins are kept, and how many older versions stay for rollback.")
public @interface StoreConfig {

    /** The store's directory; {@code ${name}} is replaced by the system property of that name. */
    @AttributeDefinition(description = "Directory of the store; ${karaf.data} and other ${system.property}"
            + " references are expanded.")
    String directory() default "${karaf.data}/plugins";

    /** Versions kept below the highest of each plugin; older ones are removed when a newer one is stored. */
    @AttributeDefinition(min = "0", description = "Versions kept below the highest of each plugin, for"
            + " rollback; 0 keeps only the highest.")
    int keepPreviousVersions() default 1;
}
