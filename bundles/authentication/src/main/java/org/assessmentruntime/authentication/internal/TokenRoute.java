package org.assessmentruntime.authentication.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.service.ServiceHelper;
import org.assessmentruntime.api.AuthenticationException;

/**
 * The token request ({@value #ROUTE_ID}, at {@value #ENDPOINT}): {@code POST /api/auth/agent/token} with
 * HTTP Basic client credentials and an empty body, the reply read into a {@link TokenGrant}. It uses
 * the connection's TLS but not the control-plane route, which would itself need a token. It is also
 * the {@link TokenEndpoint} of the {@link TokenManager}.
 */
final class TokenRoute extends RouteBuilder implements TokenEndpoint {

    static final String ENDPOINT = "direct:assessment-auth-token";
    static final String ROUTE_ID = "assessment-auth-token";
    static final String PATH = "/api/auth/agent/token";

    private final Settings settings;
    private final ReloadingTls tls;
    private final ScheduledExecutorService deadlines;
    private final TokenReplies replies = new TokenReplies();
    private volatile Endpoint http;
    private volatile ProducerTemplate template;

    TokenRoute(Settings settings, ReloadingTls tls, ScheduledExecutorService deadlines) {
        this.settings = settings;
        this.tls = tls;
        this.deadlines = deadlines;
    }

    @Override
    public void configure() throws Exception {
        http = HttpEndpoints.create(getContext(), settings, tls, path -> settings.tokenReplyLimit(), deadlines);
        onException(Exception.class).logExhausted(false).logStackTrace(false)
                .process(e -> e.getMessage().removeHeader(ControlPlaneRoute.AUTHORIZATION));

        from(ENDPOINT).routeId(ROUTE_ID)
                .process(this::prepare)
                .to(http)
                .process(this::readReply);
        template = getContext().createProducerTemplate();
    }

    /** Stops what {@link #configure()} started; the route itself is removed by the Camel whiteboard. */
    void close() {
        ProducerTemplate t = template;
        template = null;
        ServiceHelper.stopAndShutdownServices(t, http);
    }

    @Override
    public TokenGrant request() throws AuthenticationException {
        ProducerTemplate t = template;
        if (t == null) {
            throw new AuthenticationException("the control-plane routes are not running (yet)", false, null);
        }
        Exchange done = t.send(ENDPOINT, exchange -> { });
        Exception failure = done.getException();
        if (failure instanceof AuthenticationException a) {
            throw a;
        }
        if (failure != null) {
            throw new AuthenticationException("cannot obtain a token from " + settings.url().orElseThrow() + PATH
                    + ": " + failure, false, failure);
        }
        return done.getMessage().getBody(TokenGrant.class);
    }

    private void prepare(Exchange exchange) {
        Message in = exchange.getMessage();
        in.removeHeaders("*");
        in.setHeader(Exchange.HTTP_METHOD, "POST");
        in.setHeader(Exchange.HTTP_PATH, PATH);
        in.setHeader("Accept", "application/json");
        String credentials = settings.clientId() + ":" + settings.clientSecret();
        in.setHeader(ControlPlaneRoute.AUTHORIZATION,
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        in.setBody(new byte[0]);
    }

    private void readReply(Exchange exchange) throws AuthenticationException {
        Message in = exchange.getMessage();
        in.removeHeader(ControlPlaneRoute.AUTHORIZATION);
        Integer status = in.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        byte[] body = in.getBody(byte[].class);
        in.removeHeaders("*");
        in.setBody(null);
        in.setBody(replies.parse(status == null ? 0 : status, body));
    }
}
