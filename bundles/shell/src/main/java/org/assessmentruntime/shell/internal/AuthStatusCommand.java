package org.assessmentruntime.shell.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.assessmentruntime.api.Authentication;
import org.assessmentruntime.api.AuthenticationStatus;
import org.assessmentruntime.api.ControlPlaneConnection;

/**
 * {@code assessment:auth-status}: which control plane the runtime talks to and whether it holds a token.
 * Shows no secret: the status types carry none.
 */
@Service
@Command(scope = "assessment", name = "auth-status", description = "Shows the control-plane connection and the "
        + "state of authentication (client id, token expiry, last error); never a secret.")
public class AuthStatusCommand implements Action {

    @Reference(optional = true)
    Authentication authentication;

    @Reference(optional = true)
    ControlPlaneConnection connection;

    @Option(name = "--json", description = "Print the status as JSON, for scripts.")
    boolean json;

    @Override
    public Object execute() {
        AuthenticationStatus status = Services.require(authentication, "authentication component").status();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("mode", connection == null ? "standalone" : "connected");
        if (connection != null) {
            view.put("controlPlane", connection.baseUrl().toString());
            view.put("remoteConfig", connection.remoteConfigMode().wireName());
            view.put("heartbeatInterval", connection.heartbeatInterval().toString());
            view.put("configPollInterval", connection.configPollInterval().toString());
        }
        view.put("credentialsConfigured", status.configured());
        view.put("clientId", status.clientId());
        view.put("tokenExpiresAt", status.tokenExpiresAt() == null ? "" : status.tokenExpiresAt().toString());
        view.put("lastError", status.lastError());
        if (json) {
            System.out.println(Json.write(view));
            return null;
        }
        view.forEach((k, v) -> System.out.printf("%-22s %s%n", k, String.valueOf(v).isEmpty() ? "-" : v));
        return null;
    }
}
