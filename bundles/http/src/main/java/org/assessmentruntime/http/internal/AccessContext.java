package org.assessmentruntime.http.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.context.ServletContextHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servlet context every endpoint of ours is registered in: before any servlet runs, it refuses
 * clients that are not on loopback (unless {@code allowRemote}) and, with {@code authentication = basic},
 * clients that do not log in with a user of the configured JAAS realm and role.
 *
 * <p>The address check is here, not only in pax-web's bind address, because a stock Karaf's HTTP service
 * listens on every interface: installing this feature there must not expose the runtime. A configuration
 * that is rejected (e.g. {@code authentication = basci}) fails closed: every request gets 503 naming the
 * problem until a valid one arrives, rather than running with fewer checks than the operator asked for.
 * The settings are read from {@link HttpPolicy} at each request, so an edit applies to the next one.
 */
@Component(service = ServletContextHelper.class,
        property = {Whiteboard.CONTEXT_NAME_PROPERTY, Whiteboard.CONTEXT_PATH_PROPERTY})
public class AccessContext extends ServletContextHelper {

    private static final Logger LOG = LoggerFactory.getLogger(AccessContext.class);
    // IPv4 dotted quad, or anything with a colon made of IPv6 characters: never a host name, which
    // InetAddress would look up.
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(?!$)|$)){4}");
    private static final Pattern IPV6 = Pattern.compile("\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[\\w.]+)?\\]?");
    private static final String BASIC = "Basic ";

    private final HttpPolicy policy;
    private final Authenticator authenticator;
    private final JsonBodies json = new JsonBodies();

    /** DS constructor: JAAS logins. */
    @Activate
    public AccessContext(@Reference HttpPolicy policy) {
        this(policy, new JaasAuthenticator());
    }

    AccessContext(HttpPolicy policy, Authenticator authenticator) {
        this.policy = policy;
        this.authenticator = authenticator;
    }

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String problem = policy.problem();
        if (!problem.isEmpty()) {
            json.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, problem);
            return false;
        }
        HttpSettings now = policy.settings();
        if (!now.allowRemote() && !isLoopback(request.getRemoteAddr())) {
            json.error(response, HttpServletResponse.SC_FORBIDDEN, "only loopback clients are answered (allowRemote"
                    + " is false in etc/" + HttpSettings.PID + ".cfg)");
            return false;
        }
        if (now.basicAuth()) {
            Optional<String> user = login(request, response, now);
            if (user.isEmpty()) {
                return false;
            }
            request.setAttribute(REMOTE_USER, user.get());
            request.setAttribute(AUTHENTICATION_TYPE, HttpServletRequest.BASIC_AUTH);
        }
        return true;
    }

    /** The logged-in user, or empty after answering 401 or 403. */
    private Optional<String> login(HttpServletRequest request, HttpServletResponse response, HttpSettings now)
            throws IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            challenge(response, now, "authentication required (HTTP basic)");
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(BASIC.length()).strip()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            challenge(response, now, "malformed basic credentials");
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            challenge(response, now, "malformed basic credentials");
            return Optional.empty();
        }
        String user = decoded.substring(0, colon);
        char[] password = decoded.substring(colon + 1).toCharArray();
        try {
            Optional<String> refusal = authenticator.refusal(now.realm(), user, password, now.requiredRole());
            if (refusal.isPresent()) {
                // Wrong password and missing role look the same from outside: no hint which one it was.
                LOG.debug("HTTP login refused: {}", refusal.get());
                challenge(response, now, "authentication failed");
                return Optional.empty();
            }
        } finally {
            Arrays.fill(password, '\0');
        }
        return Optional.of(user);
    }

    private void challenge(HttpServletResponse response, HttpSettings now, String message) throws IOException {
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + now.realm() + "\", charset=\"UTF-8\"");
        json.error(response, HttpServletResponse.SC_UNAUTHORIZED, message);
    }

    /**
     * Whether a remote address (an IP literal, as the container reports it) is a loopback address. Anything
     * else, a host name or nothing, is not: never resolve a name here.
     */
    static boolean isLoopback(String remoteAddress) {
        if (remoteAddress == null
                || !(IPV4.matcher(remoteAddress).matches() || IPV6.matcher(remoteAddress).matches())) {
            return false;
        }
        String literal = remoteAddress.startsWith("[") && remoteAddress.endsWith("]")
                ? remoteAddress.substring(1, remoteAddress.length() - 1) : remoteAddress;
        try {
            // An IP literal is parsed without a lookup; IPv4-mapped IPv6 (::ffff:127.0.0.1) becomes IPv4.
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
