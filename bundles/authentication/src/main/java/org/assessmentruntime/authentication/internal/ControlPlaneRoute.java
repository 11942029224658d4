package org.assessmentruntime.authentication.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.service.ServiceHelper;
import org.assessmentruntime.api.AccessToken;
import org.assessmentruntime.api.Authentication;
import org.assessmentruntime.api.ControlPlaneConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one route every control-plane request goes through ({@link ControlPlaneConnection#ROUTE_ID}): the
 * contract in {@link ControlPlaneConnection}'s javadoc. It keeps only the allowed request headers, adds
 * {@code Content-Type: application/json} (exactly: the control plane answers 415 to a charset) and the
 * bearer token, and after a 401 retries once with a fresh token and the same body. The caller gets back
 * the status, the body as {@code byte[]} and the allowed response headers; never the token.
 */
final class ControlPlaneRoute extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(ControlPlaneRoute.class);

    static final String AUTHORIZATION = "Authorization";

    /** Replies to this path (remote configuration) have their own, larger limit. */
    static final String CONFIG_PATH = "/api/agent/config";
    private static final String REQUEST = "assessment.controlPlane.request";
    private static final String TOKEN = "assessment.controlPlane.token";
    private static final String RETRY = "assessment.controlPlane.retry";

    private final Settings settings;
    private final ReloadingTls tls;
    private final Authentication authentication;
    private final ScheduledExecutorService deadlines;
    private volatile Endpoint http;

    ControlPlaneRoute(Settings settings, ReloadingTls tls, Authentication authentication,
            ScheduledExecutorService deadlines) {
        this.settings = settings;
        this.tls = tls;
        this.authentication = authentication;
        this.deadlines = deadlines;
    }

    @Override
    public void configure() throws Exception {
        http = HttpEndpoints.create(getContext(), settings, tls, this::limitFor, deadlines);
        // A failure (connection refused, timeout, no token) is the caller's exception, logged by the caller;
        // not logged here, where the exchange could still carry the token.
        onException(Exception.class).logExhausted(false).logStackTrace(false).process(ControlPlaneRoute::scrub);

        from(ControlPlaneConnection.ENDPOINT).routeId(ControlPlaneConnection.ROUTE_ID)
                .process(ControlPlaneRoute::prepare)
                .process(this::authorize)
                .to(http)
                .process(this::checkUnauthorized)
                .choice().when(exchangeProperty(RETRY).isEqualTo(true))
                    .process(ControlPlaneRoute::restore)
                    .process(this::authorize)
                    .to(http)
                .end()
                .process(ControlPlaneRoute::finish);
    }

    /** The configuration reply's limit for {@value #CONFIG_PATH}, the general one for any other path. */
    ReplyLimit limitFor(String path) {
        return path.endsWith(CONFIG_PATH) ? settings.configReplyLimit() : settings.replyLimit();
    }

    /** Stops the http endpoint (its connection pool); the route itself is removed by the Camel whiteboard. */
    void close() {
        ServiceHelper.stopAndShutdownService(http);
    }

    /** Remembers the request (allowed headers, body) so that the retry sends exactly the same. */
    private static void prepare(Exchange exchange) {
        Message in = exchange.getMessage();
        Map<String, Object> headers = new LinkedHashMap<>();
        for (String name : new String[] {Exchange.HTTP_METHOD, Exchange.HTTP_PATH, Exchange.HTTP_QUERY}) {
            copy(in, name, headers);
        }
        ControlPlaneConnection.REQUEST_HEADERS.forEach(name -> copy(in, name, headers));
        byte[] body = in.getBody(byte[].class);
        exchange.setProperty(REQUEST, new Request(headers, body == null ? new byte[0] : body));
        restore(exchange);
    }

    private static void copy(Message in, String name, Map<String, Object> headers) {
        Object value = in.getHeader(name);
        if (value != null) {
            headers.put(name, value);
        }
    }

    /** Puts the remembered request on the message, dropping every other header. */
    private static void restore(Exchange exchange) {
        Request request = exchange.getProperty(REQUEST, Request.class);
        Message in = exchange.getMessage();
        in.removeHeaders("*");
        in.setHeaders(new LinkedHashMap<>(request.headers()));
        if (request.body().length > 0) {
            in.setHeader(Exchange.CONTENT_TYPE, "application/json");
            in.setBody(request.body());
        } else {
            in.setBody(null);
        }
    }

    private void authorize(Exchange exchange) throws Exception {
        Optional<AccessToken> token = authentication.token();
        if (token.isPresent()) {
            exchange.getMessage().setHeader(AUTHORIZATION, token.get().authorizationHeader());
            exchange.setProperty(TOKEN, token.get());
        } else {
            exchange.getMessage().removeHeader(AUTHORIZATION);
            exchange.removeProperty(TOKEN);
        }
    }

    private void checkUnauthorized(Exchange exchange) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        AccessToken token = exchange.getProperty(TOKEN, AccessToken.class);
        if (status != null && status == 401 && token != null) {
            authentication.invalidate(token);
            exchange.setProperty(RETRY, true);
            Request request = exchange.getProperty(REQUEST, Request.class);
            LOG.info("The control plane refused the token for {} {}; retrying once with a new token",
                    request.headers().get(Exchange.HTTP_METHOD), request.headers().get(Exchange.HTTP_PATH));
        } else {
            exchange.setProperty(RETRY, false);
        }
    }

    /** Hands back only the status, the body as byte[] and the allowed response headers. */
    private static void finish(Exchange exchange) {
        Message message = exchange.getMessage();
        Integer status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        byte[] body = message.getBody(byte[].class);
        Map<String, Object> headers = new LinkedHashMap<>();
        ControlPlaneConnection.RESPONSE_HEADERS.forEach(name -> copy(message, name, headers));
        message.removeHeaders("*");
        message.setHeaders(headers);
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setBody(body == null ? new byte[0] : body);
        removeProperties(exchange);
    }

    /** On failure: no token and no remembered request left on the exchange. */
    private static void scrub(Exchange exchange) {
        exchange.getMessage().removeHeader(AUTHORIZATION);
        removeProperties(exchange);
    }

    private static void removeProperties(Exchange exchange) {
        exchange.removeProperty(REQUEST);
        exchange.removeProperty(TOKEN);
        exchange.removeProperty(RETRY);
    }

    /** The request as the caller sent it; toString shows no body. */
    private record Request(Map<String, Object> headers, byte[] body) {
        @Override
        public String toString() {
            return "Request" + headers + "[" + body.length + " bytes]";
        }
    }
}
