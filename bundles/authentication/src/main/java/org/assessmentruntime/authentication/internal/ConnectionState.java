package org.assessmentruntime.authentication.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.apache.camel.RoutesBuilder;

/**
 * What one configuration produced: standalone, invalid (with the reason), or connected with its TLS,
 * token manager and published routes. Replaced as a whole when the configuration changes.
 */
final class ConnectionState {

    private final Settings settings;
    private final String invalid;
    private final ReloadingTls tls;
    private final TokenManager tokens;
    private final ControlPlaneRoute route;
    private final TokenRoute tokenRoute;
    private final Runnable withdraw;

    private ConnectionState(Settings settings, String invalid, ReloadingTls tls, TokenManager tokens,
            ControlPlaneRoute route, TokenRoute tokenRoute, Runnable withdraw) {
        this.settings = settings;
        this.invalid = invalid;
        this.tls = tls;
        this.tokens = tokens;
        this.route = route;
        this.tokenRoute = tokenRoute;
        this.withdraw = withdraw;
    }

    static ConnectionState invalid(Settings settings, String reason) {
        return new ConnectionState(settings, reason, null, TokenManager.anonymous(), null, null, () -> { });
    }

    static ConnectionState standalone(Settings settings) {
        return new ConnectionState(settings, null, null, TokenManager.anonymous(), null, null, () -> { });
    }

    /**
     * Reads the TLS files and publishes the connection and its routes.
     *
     * @throws InvalidSettingsException if the TLS files cannot be used
     */
    static ConnectionState connect(Settings settings, Publisher publisher, Duration tlsCheckInterval, Clock clock) {
        boolean https = settings.url().orElseThrow().getScheme().equals("https");
        ReloadingTls tls = https ? new ReloadingTls(settings, tlsCheckInterval, System::nanoTime) : null;
        TokenRoute tokenRoute = new TokenRoute(settings, tls);
        TokenManager tokens = settings.hasCredentials()
                ? new TokenManager(settings.clientId(), settings.tokenRefreshBefore(), tokenRoute, clock)
                : TokenManager.anonymous();
        ControlPlaneRoute route = new ControlPlaneRoute(settings, tls, tokens);
        List<RoutesBuilder> routes = List.of(route, tokenRoute);
        Runnable withdraw = publisher.publish(Connection.of(settings), routes);
        return new ConnectionState(settings, null, tls, tokens, route, tokenRoute, withdraw);
    }

    Settings settings() {
        return settings;
    }

    /** Why the configuration cannot be used; {@code null} when it can. */
    String invalid() {
        return invalid;
    }

    /** The TLS of an https connection; {@code null} otherwise. */
    ReloadingTls tls() {
        return tls;
    }

    TokenManager tokens() {
        return tokens;
    }

    boolean connected() {
        return invalid == null && settings != null && settings.connected();
    }

    /** Withdraws the connection and routes and stops their endpoints. */
    void close() {
        withdraw.run();
        if (route != null) {
            route.close();
        }
        if (tokenRoute != null) {
            tokenRoute.close();
        }
    }
}
