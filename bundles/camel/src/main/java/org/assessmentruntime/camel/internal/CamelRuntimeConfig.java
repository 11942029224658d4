package org.assessmentruntime.camel.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the runtime's CamelContext, PID {@value CamelRuntime#PID}. Every attribute has a
 * default, so the context starts without any configuration; a change restarts the context.
 */
@ObjectClassDefinition(name = "Assessment Runtime Camel",
        description = "The CamelContext that runs the routes every runtime bundle publishes.")
public @interface CamelRuntimeConfig {

    /** Name of the CamelContext; also its JMX name and the {@code camel.context.name} service property. */
    @AttributeDefinition(description = "Name of the CamelContext, also used for JMX.")
    String contextName() default "assessment";

    /** How long stopping a route or the context waits for in-flight exchanges before forcing them. */
    @AttributeDefinition(description = "Seconds to wait for in-flight exchanges when routes stop.", min = "1")
    int shutdownTimeoutSeconds() default 10;
}
