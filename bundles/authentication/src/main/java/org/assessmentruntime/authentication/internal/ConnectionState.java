package org.assessmentruntime.authentication.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import org.apache.camel.RoutesBuilder;

/**
 * What one configuration produced: standalone, invalid (with the reason), or connected with its TLS,
 * token manager and published routes. Replaced as a whole when the configuration changes.
 */
final class ConnectionState {

    /** Time for aborting a token request at its deadline, on top of that deadline. */
    static final Duration TOKEN_WAIT_MARGIN = Duration.ofSeconds(5);

    private final Settings settings;
    private final String invalid;
    private final ReloadingTls tls;
    private final TokenManager tokens;
    private final ControlPlaneRoute route;
    private final TokenRoute tokenRoute;
    private final Runnable withdraw;
    private final ScheduledExecutorService deadlines;

    private ConnectionState(Settings settings, String invalid, ReloadingTls tls, TokenManager tokens,
            ControlPlaneRoute route, TokenRoute tokenRoute, Runnable withdraw, ScheduledExecutorService deadlines) {
        this.settings = settings;
        this.invalid = invalid;
        this.tls = tls;
        this.tokens = tokens;
        this.route = route;
        this.tokenRoute = tokenRoute;
        this.withdraw = withdraw;
        this.deadlines = deadlines;
    }

    static ConnectionState invalid(Settings settings, String reason) {
        return new ConnectionState(settings, reason, null, TokenManager.anonymous(), null, null, () -> { }, null);
    }

    static ConnectionState standalone(Settings settings) {
        return new ConnectionState(settings, null, null, TokenManager.anonymous(), null, null, () -> { }, null);
    }

    /**
     * Reads the TLS files and publishes the connection and its routes.
     *
     * @throws InvalidSettingsException if the TLS files cannot be used
     */
    static ConnectionState connect(Settings settings, Publisher publisher, Duration tlsCheckInterval, Clock clock) {
        boolean https = settings.url().orElseThrow().getScheme().equals("https");
        ReloadingTls tls = https ? new ReloadingTls(settings, tlsCheckInterval, System::nanoTime) : null;
        ScheduledExecutorService deadlines = deadlines();
        TokenRoute tokenRoute = new TokenRoute(settings, tls, deadlines);
        TokenManager tokens = settings.hasCredentials()
                ? new TokenManager(settings.clientId(), settings.tokenRefreshBefore(), tokenWait(settings), tokenRoute,
                        clock)
                : TokenManager.anonymous();
        ControlPlaneRoute route = new ControlPlaneRoute(settings, tls, tokens, deadlines);
        List<RoutesBuilder> routes = List.of(route, tokenRoute);
        Runnable withdraw = publisher.publish(Connection.of(settings), routes);
        return new ConnectionState(settings, null, tls, tokens, route, tokenRoute, withdraw, deadlines);
    }

    /**
     * How long a caller waits for a token request, its own or one another caller started: the request's
     * own deadline plus a margin for aborting it. Past this a token request counts as stuck.
     */
    static Duration tokenWait(Settings settings) {
        return settings.requestTimeout().plus(TOKEN_WAIT_MARGIN);
    }

    /** One daemon thread that aborts exchanges past their deadline; shut down with the connection. */
    private static ScheduledExecutorService deadlines() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "assessment-control-plane-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
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
        if (deadlines != null) {
            deadlines.shutdownNow();
        }
    }
}
