package org.assessmentruntime.heartbeat.internal;

import java.util.Set;

import org.assessmentruntime.api.ControlPlaneConnection;
import org.assessmentruntime.camel.controlplane.ControlPlaneComponents;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Enables this bundle's control-plane components while a control plane is configured, and disables them
 * when it goes ({@link ControlPlaneComponents} says why and how; only a component of this bundle may
 * switch this bundle's components).
 */
@Component(immediate = true)
public class ControlPlaneSwitch {

    /** The components switched, by their DS names (the class names). */
    static final Set<String> COMPONENTS = Set.of(
            HeartbeatTimerRoute.class.getName(), HeartbeatSendRoute.class.getName(), HeartbeatService.class.getName());

    private final ControlPlaneComponents components;

    /** DS constructor. */
    @Activate
    public ControlPlaneSwitch(ComponentContext context) {
        this.components = new ControlPlaneComponents(context, COMPONENTS);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindConnection(ControlPlaneConnection connection) {
        components.bind(connection);
    }

    void unbindConnection(ControlPlaneConnection connection) {
        components.unbind(connection);
    }
}
