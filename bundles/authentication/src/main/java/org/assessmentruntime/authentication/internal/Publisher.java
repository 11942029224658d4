package org.assessmentruntime.authentication.internal;

import java.util.List;

import org.apache.camel.RoutesBuilder;
import org.assessmentruntime.api.ControlPlaneConnection;

/** Makes the connection and its routes available while a control plane is configured. */
interface Publisher {

    /**
     * Publishes the routes, then the connection.
     *
     * @return withdraws them again (the connection first); called once
     */
    Runnable publish(ControlPlaneConnection connection, List<RoutesBuilder> routes);
}
