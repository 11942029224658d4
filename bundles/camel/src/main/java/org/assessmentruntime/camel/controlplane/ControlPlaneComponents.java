package org.assessmentruntime.camel.controlplane;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.assessmentruntime.api.ControlPlaneConnection;
import org.osgi.service.component.ComponentContext;

/**
 * Enables a bundle's control-plane components (declared {@code enabled = false}) while a control plane is
 * configured, and disables them when it goes. A bundle declares one small immediate component (its
 * {@code ControlPlaneSwitch}) that creates this with the names of the components to switch and hands it the
 * {@link ControlPlaneConnection}s it binds (an optional, dynamic, greedy reference). DS only lets a
 * bundle's own components enable that bundle's components, hence a switch per bundle.
 *
 * <p>Why not just let the components wait for their mandatory {@link ControlPlaneConnection} reference: a
 * standalone runtime has no connection by design, and an unsatisfied component makes Karaf list the whole
 * bundle as {@code Waiting} in {@code bundle:list}, which reads as a fault to operators. A disabled
 * component is not unsatisfied.
 *
 * <p>Thread-safe.
 */
public final class ControlPlaneComponents {

    private final ComponentContext context;
    private final Set<String> components;
    private final Set<ControlPlaneConnection> connections = ConcurrentHashMap.newKeySet();

    /**
     * @param context    the switching component's context: enables and disables its bundle's components
     * @param components the DS names (by default the class names) of the components to switch
     */
    public ControlPlaneComponents(ComponentContext context, Set<String> components) {
        this.context = context;
        this.components = Set.copyOf(components);
    }

    /**
     * A connection arrived (DS bind): the components are enabled.
     *
     * @param connection the connection
     */
    public void bind(ControlPlaneConnection connection) {
        connections.add(connection);
        apply();
    }

    /**
     * A connection left (DS unbind): the components are disabled unless another one is bound.
     *
     * @param connection the connection
     */
    public void unbind(ControlPlaneConnection connection) {
        connections.remove(connection);
        apply();
    }

    // A replaced connection binds the new one before unbinding the old: decide on what is bound now.
    private synchronized void apply() {
        boolean on = !connections.isEmpty();
        for (String name : components) {
            if (on) {
                context.enableComponent(name);
            } else {
                context.disableComponent(name);
            }
        }
    }
}
