package org.assessmentruntime.heartbeat.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.assessmentruntime.api.ControlPlaneConnection;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Enables this bundle's control-plane components (declared {@code enabled = false}) while a control plane
 * is configured, and disables them when it goes.
 *
 * <p>Why not just let them wait for their mandatory {@link ControlPlaneConnection} reference: a standalone
 * runtime has no connection by design, and an unsatisfied component makes Karaf list the whole bundle as
 * {@code Waiting} in {@code bundle:list}, which reads as a fault to operators. A disabled component is
 * not unsatisfied.
 */
@Component(immediate = true)
public class ControlPlaneSwitch {

    /** The components this switch turns on and off, by their DS names (the class names). */
    static final Set<String> COMPONENTS = Set.of(HeartbeatTimerRoute.class.getName(), HeartbeatSendRoute.class.getName(), HeartbeatService.class.getName());

    private final ComponentContext context;
    private final Set<ControlPlaneConnection> connections = ConcurrentHashMap.newKeySet();

    /** DS constructor. */
    @Activate
    public ControlPlaneSwitch(ComponentContext context) {
        this.context = context;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindConnection(ControlPlaneConnection connection) {
        connections.add(connection);
        apply();
    }

    void unbindConnection(ControlPlaneConnection connection) {
        connections.remove(connection);
        apply();
    }

    // A replaced connection binds the new one before unbinding the old: decide on what is bound now.
    private synchronized void apply() {
        boolean on = !connections.isEmpty();
        for (String name : COMPONENTS) {
            if (on) {
                context.enableComponent(name);
            } else {
                context.disableComponent(name);
            }
        }
    }
}
