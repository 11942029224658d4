package org.assessmentruntime.authentication.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import org.assessmentruntime.api.RemoteConfigMode;

/**
 * The connection settings in effect: the configuration ({@link ControlPlaneConfig}) overridden by
 * environment variables, validated.
 *
 * <p>Precedence, highest first: {@code ASSESSMENT_*} variables, then the Go agent's {@code CCF_*}
 * variables (so the runtime drops into an existing agent setup), then the configuration. A secret given
 * directly wins over a secret file at the same level.
 *
 * <p>{@link #toString()} masks the secrets: records print every field.
 *
 * @param url                 the control plane's base URL without trailing slash; empty = standalone
 * @param clientId            client id for the token endpoint; empty = no credentials
 * @param clientSecret        its secret; empty when there is no client id
 * @param clientCertificate   PEM certificate chain for mTLS, or {@code null}
 * @param clientKey           PEM PKCS#8 key for mTLS, or {@code null}
 * @param clientKeystore      PKCS12 alternative to certificate and key, or {@code null}
 * @param keystorePassword    its password (may be empty)
 * @param caBundle            PEM CA certificates to trust, or {@code null} for the JDK's default trust
 * @param connectTimeout      connection timeout
 * @param requestTimeout      reply timeout
 * @param heartbeatInterval   time between heartbeats
 * @param configPollInterval  time between remote configuration polls, at least 15 s
 * @param remoteConfig        what to do with remote configuration
 * @param tokenRefreshBefore  how long before expiry a token is renewed
 * @param allowInsecureHttp   whether plain http to a host other than this machine is accepted
 * @param tokenReplyLimit     the largest token reply read
 * @param configReplyLimit    the largest remote-configuration reply read
 * @param replyLimit          the largest other control-plane reply read
 * @param maxConnections      connections kept open to the control plane, and so requests in flight at once
 * @param warnings            problems that do not stop the runtime, for the log
 */
record Settings(Optional<URI> url, String clientId, String clientSecret, Path clientCertificate, Path clientKey,
        Path clientKeystore, String keystorePassword, Path caBundle, Duration connectTimeout,
        Duration requestTimeout, Duration heartbeatInterval, Duration configPollInterval,
        RemoteConfigMode remoteConfig, Duration tokenRefreshBefore, boolean allowInsecureHttp,
        ReplyLimit tokenReplyLimit, ReplyLimit configReplyLimit, ReplyLimit replyLimit, int maxConnections,
        List<String> warnings) {

    static final Duration MIN_CONFIG_POLL = Duration.ofSeconds(15);

    /** The largest reply limit that can be set, in KiB: no control-plane reply needs more than 64 MiB. */
    static final int MAX_REPLY_KIB = 64 * 1024;

    /** The most connections that can be set: more only queue on the control plane's side. */
    static final int MAX_CONNECTIONS = 64;

    /** Copies the warnings. */
    Settings {
        warnings = List.copyOf(warnings);
    }

    /** Whether a control plane is configured at all. */
    boolean connected() {
        return url.isPresent();
    }

    /** Whether client credentials are configured (tokens are requested). */
    boolean hasCredentials() {
        return !clientId.isEmpty();
    }

    /** Whether a client certificate is configured (mTLS). */
    boolean hasClientCertificate() {
        return clientKeystore != null || clientCertificate != null;
    }

    /** Whether anything in the TLS settings differs (then the TLS material is reloaded). */
    boolean sameTls(Settings other) {
        return java.util.Objects.equals(clientCertificate, other.clientCertificate)
                && java.util.Objects.equals(clientKey, other.clientKey)
                && java.util.Objects.equals(clientKeystore, other.clientKeystore)
                && keystorePassword.equals(other.keystorePassword)
                && java.util.Objects.equals(caBundle, other.caBundle);
    }

    @Override
    public String toString() {
        return "Settings[url=" + url.map(URI::toString).orElse("(standalone)") + ", clientId=" + clientId
                + ", clientSecret=" + (clientSecret.isEmpty() ? "" : "***") + ", clientCertificate="
                + clientCertificate + ", clientKey=" + clientKey + ", clientKeystore=" + clientKeystore
                + ", caBundle=" + caBundle + ", connectTimeout=" + connectTimeout + ", requestTimeout="
                + requestTimeout + ", heartbeatInterval=" + heartbeatInterval + ", configPollInterval="
                + configPollInterval + ", remoteConfig=" + remoteConfig + ", tokenRefreshBefore="
                + tokenRefreshBefore + ", allowInsecureHttp=" + allowInsecureHttp + ", tokenReplyLimit="
                + tokenReplyLimit.describe() + ", configReplyLimit=" + configReplyLimit.describe() + ", replyLimit="
                + replyLimit.describe() + ", maxConnections=" + maxConnections + "]";
    }

    /**
     * Resolves the settings.
     *
     * @param config the configuration
     * @param env    reads an environment variable ({@code System::getenv} in the runtime); null = unset
     * @throws InvalidSettingsException naming the setting and the problem
     */
    static Settings resolve(ControlPlaneConfig config, Function<String, String> env) {
        Sources s = new Sources(env);
        List<String> warnings = new ArrayList<>();

        Value url = s.pick("url", config.url(), "ASSESSMENT_CONTROL_PLANE_URL", "CCF_API_URL");
        Optional<URI> uri = url.isEmpty() ? Optional.empty()
                : Optional.of(parseUrl(url, config.allowInsecureHttp(), warnings));

        Value clientId = s.pick("clientId", config.clientId(), "ASSESSMENT_CLIENT_ID", "CCF_API_AUTH_CLIENT_ID");
        String secret = secret(s, config);
        if (!clientId.isEmpty() && secret.isEmpty()) {
            throw new InvalidSettingsException(clientId.key(), "a client id is set but no client secret "
                    + "(clientSecret, clientSecretFile, ASSESSMENT_CLIENT_SECRET, ASSESSMENT_CLIENT_SECRET_FILE "
                    + "or CCF_API_AUTH_CLIENT_SECRET)");
        }
        if (clientId.isEmpty() && !secret.isEmpty()) {
            throw new InvalidSettingsException("clientId", "a client secret is set but no client id "
                    + "(clientId, ASSESSMENT_CLIENT_ID or CCF_API_AUTH_CLIENT_ID)");
        }

        Path cert = path(s.pick("clientCertificate", config.clientCertificate(), "ASSESSMENT_CLIENT_CERT"));
        Path key = path(s.pick("clientKey", config.clientKey(), "ASSESSMENT_CLIENT_KEY"));
        Path keystore = path(s.pick("clientKeystore", config.clientKeystore()));
        Path ca = path(s.pick("caBundle", config.caBundle(), "ASSESSMENT_CA_BUNDLE"));
        if ((cert == null) != (key == null)) {
            throw new InvalidSettingsException(cert == null ? "clientCertificate" : "clientKey",
                    "clientCertificate and clientKey must be set together");
        }
        if (keystore != null && cert != null) {
            throw new InvalidSettingsException("clientKeystore",
                    "set either clientKeystore or clientCertificate/clientKey, not both");
        }

        Value mode = s.pick("remoteConfig", config.remoteConfig(), "ASSESSMENT_REMOTE_CONFIG");
        RemoteConfigMode remoteConfig;
        try {
            remoteConfig = RemoteConfigMode.parse(mode.isEmpty() ? "apply" : mode.text());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(mode.key(), e.getMessage());
        }

        Duration poll = seconds("configPollIntervalSeconds", config.configPollIntervalSeconds(), 1);
        if (poll.compareTo(MIN_CONFIG_POLL) < 0) {
            warnings.add("configPollIntervalSeconds: " + poll.toSeconds() + " is below the minimum of "
                    + MIN_CONFIG_POLL.toSeconds() + " seconds; using " + MIN_CONFIG_POLL.toSeconds());
            poll = MIN_CONFIG_POLL;
        }
        return new Settings(uri, clientId.text(), secret, cert, key, keystore, config.clientKeystorePassword(), ca,
                seconds("connectTimeoutSeconds", config.connectTimeoutSeconds(), 1),
                seconds("requestTimeoutSeconds", config.requestTimeoutSeconds(), 1),
                seconds("heartbeatIntervalSeconds", config.heartbeatIntervalSeconds(), 1), poll, remoteConfig,
                seconds("tokenRefreshBeforeSeconds", config.tokenRefreshBeforeSeconds(), 0), config.allowInsecureHttp(),
                limit("maxTokenReplyKiB", config.maxTokenReplyKiB()),
                limit("maxConfigReplyKiB", config.maxConfigReplyKiB()),
                limit("maxReplyKiB", config.maxReplyKiB()), connections(config.maxConnections()), warnings);
    }

    private static int connections(int max) {
        if (max < 1 || max > MAX_CONNECTIONS) {
            throw new InvalidSettingsException("maxConnections", max + " is outside 1.." + MAX_CONNECTIONS);
        }
        return max;
    }

    private static ReplyLimit limit(String key, int kib) {
        if (kib < 1 || kib > MAX_REPLY_KIB) {
            throw new InvalidSettingsException(key, kib + " is outside 1.." + MAX_REPLY_KIB + " KiB");
        }
        return new ReplyLimit(kib * 1024L, key);
    }

    private static String secret(Sources s, ControlPlaneConfig config) {
        Value direct = s.env("ASSESSMENT_CLIENT_SECRET");
        if (!direct.isEmpty()) {
            return direct.text();
        }
        Value file = s.env("ASSESSMENT_CLIENT_SECRET_FILE");
        if (!file.isEmpty()) {
            return readSecret(file);
        }
        Value ccf = s.env("CCF_API_AUTH_CLIENT_SECRET");
        if (!ccf.isEmpty()) {
            return ccf.text();
        }
        String configured = config.clientSecret() == null ? "" : config.clientSecret().trim();
        String configuredFile = config.clientSecretFile() == null ? "" : config.clientSecretFile().trim();
        if (!configured.isEmpty() && !configuredFile.isEmpty()) {
            throw new InvalidSettingsException("clientSecret", "set either clientSecret or clientSecretFile, not both");
        }
        return configuredFile.isEmpty() ? configured : readSecret(new Value("clientSecretFile", configuredFile));
    }

    private static String readSecret(Value file) {
        Path path = path(file);
        try {
            String secret = Files.readString(path, StandardCharsets.UTF_8).trim();
            if (secret.isEmpty()) {
                throw new InvalidSettingsException(file.key(), "the secret file " + path + " is empty");
            }
            return secret;
        } catch (IOException e) {
            throw new InvalidSettingsException(file.key(), "cannot read the secret file " + path + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static URI parseUrl(Value url, boolean allowInsecureHttp, List<String> warnings) {
        URI uri;
        try {
            uri = new URI(url.text());
        } catch (URISyntaxException e) {
            // The reason only: the text itself could carry credentials someone put into the URL.
            throw new InvalidSettingsException(url.key(), "not a valid URL (" + e.getReason() + " at index "
                    + e.getIndex() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidSettingsException(url.key(), "the URL must start with https:// (or http://), not '"
                    + (scheme.isEmpty() ? "(no scheme)" : scheme) + "'");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidSettingsException(url.key(), "the URL must not carry credentials (user info); "
                    + "use clientId and clientSecret");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new InvalidSettingsException(url.key(), "the URL has no host name");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidSettingsException(url.key(), "the URL must not have a query or fragment");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        try {
            uri = new URI(scheme + "://" + uri.getRawAuthority() + path);
        } catch (URISyntaxException e) {
            throw new InvalidSettingsException(url.key(), "not a valid URL (" + e.getReason() + ")");
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            if (!allowInsecureHttp) {
                // Refused, not warned about: whoever sits on the path would read the client secret and tokens,
                // and could answer in the control plane's name.
                throw new InvalidSettingsException(url.key(), uri + " is plain http to a host other than this "
                        + "machine, which is refused: the client secret and tokens would travel in clear; use "
                        + "https (or set allowInsecureHttp = true, a local-only setting, to accept the risk)");
            }
            warnings.add(url.key() + ": " + uri + " is plain http to a host other than this machine: the client "
                    + "secret and tokens travel in clear (allowInsecureHttp = true); use https");
        }
        return uri;
    }

    /** Loopback without a DNS lookup: "localhost" or a loopback IP literal. */
    private static boolean isLoopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Path path(Value value) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            return Path.of(value.text());
        } catch (InvalidPathException e) {
            throw new InvalidSettingsException(value.key(), "not a valid file name (" + e.getReason() + ")");
        }
    }

    private static Duration seconds(String key, int value, int minimum) {
        if (value < minimum) {
            throw new InvalidSettingsException(key, value + " is below the minimum of " + minimum);
        }
        return Duration.ofSeconds(value);
    }

    /** A setting's value and where it came from, for error messages. */
    private record Value(String key, String text) {
        boolean isEmpty() {
            return text.isEmpty();
        }
    }

    /** Reads settings with environment variables taking precedence. */
    private record Sources(Function<String, String> env) {

        Value env(String variable) {
            String v = env.apply(variable);
            return new Value(variable, v == null ? "" : v.trim());
        }

        /** The first non-empty of the variables (in order), else the configured value. */
        Value pick(String key, String configured, String... variables) {
            for (String variable : variables) {
                Value v = env(variable);
                if (!v.isEmpty()) {
                    return new Value(key + " (from " + variable + ")", v.text());
                }
            }
            return new Value(key, configured == null ? "" : configured.trim());
        }
    }
}
