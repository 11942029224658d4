package org.assessmentruntime.http.internal;

import java.util.Locale;

import org.assessmentruntime.api.model.ResultQuery;

/**
 * The validated form of {@link HttpConfig}.
 *
 * @param allowRemote    whether non-loopback clients are answered
 * @param basicAuth      whether clients must log in with HTTP basic authentication
 * @param realm          the JAAS realm for basic authentication
 * @param requiredRole   the role a user must have; empty for any
 * @param defaultLimit   results returned when a request gives no limit
 * @param maxLimit       most results one request may ask for
 */
record HttpSettings(boolean allowRemote, boolean basicAuth, String realm, String requiredRole, int defaultLimit,
        int maxLimit) {

    /** The configuration PID. */
    static final String PID = "org.assessmentruntime.http";

    /** Loopback only, no login, 100 results by default, 1000 at most. */
    static final HttpSettings DEFAULTS = new HttpSettings(false, false, "karaf", "viewer", 100, 1000);

    /** Validates. */
    HttpSettings {
        realm = realm == null ? "" : realm.strip();
        requiredRole = requiredRole == null ? "" : requiredRole.strip();
        if (basicAuth && realm.isEmpty()) {
            throw new IllegalArgumentException("realm must be set when authentication = basic");
        }
        if (maxLimit < 1 || maxLimit > ResultQuery.MAX_LIMIT) {
            throw new IllegalArgumentException("maxLimit must be between 1 and " + ResultQuery.MAX_LIMIT + ", got "
                    + maxLimit);
        }
        if (defaultLimit < 1 || defaultLimit > maxLimit) {
            throw new IllegalArgumentException("defaultLimit must be between 1 and maxLimit (" + maxLimit + "), got "
                    + defaultLimit);
        }
    }

    /**
     * Reads a configuration.
     *
     * @throws IllegalArgumentException naming the key, when a value is out of range or unknown
     */
    static HttpSettings of(HttpConfig config) {
        String authentication = config.authentication() == null ? "none"
                : config.authentication().strip().toLowerCase(Locale.ROOT);
        boolean basic = switch (authentication) {
            case "none", "" -> false;
            case "basic" -> true;
            default -> throw new IllegalArgumentException("authentication must be 'none' or 'basic', got '"
                    + config.authentication() + "'");
        };
        return new HttpSettings(config.allowRemote(), basic, config.realm(), config.requiredRole(),
                config.defaultLimit(), config.maxLimit());
    }
}
