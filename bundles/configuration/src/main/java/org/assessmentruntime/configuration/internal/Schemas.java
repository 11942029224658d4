package org.assessmentruntime.configuration.internal;

import java.util.Optional;

import org.osgi.service.metatype.ObjectClassDefinition;

/** Where the metatype of a configuration PID comes from. */
interface Schemas {

    /**
     * The metatype of a (singleton) PID.
     *
     * @param pid the PID
     * @return its definition; empty when no bundle of the runtime declares one
     */
    Optional<ObjectClassDefinition> definition(String pid);
}
