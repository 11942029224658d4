package org.assessmentruntime.authentication.internal;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.camel.component.http.HttpEndpoint;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Creates the Camel http endpoint of the control plane. Built programmatically rather than from a URI
 * string so that the TLS parameters and HttpClient's extra steps are passed as objects, without binding
 * them in the shared registry. Connections are kept alive (see {@link ConnectionsByTls} for why that is
 * safe with certificate rotation).
 */
final class HttpEndpoints {

    /** Idle connections are closed after this long. */
    static final TimeValue IDLE = TimeValue.ofSeconds(30);
    /** A connection idle longer than this is checked before it is reused. */
    static final TimeValue VALIDATE_AFTER = TimeValue.ofSeconds(1);

    private HttpEndpoints() {
    }

    /**
     * A started http(s) endpoint for the configured URL: replies of every status come back as replies,
     * no redirects are followed, the configured timeouts apply, and for https the connection's TLS. Every
     * exchange is bounded by {@link BoundedExchanges}: {@code requestTimeout} in all, and the reply limit
     * of its path.
     *
     * @param limits    the reply limit of a request path
     * @param deadlines runs the exchanges' deadlines
     */
    static Endpoint create(CamelContext camel, Settings settings, ReloadingTls tls, Function<String, ReplyLimit> limits,
            ScheduledExecutorService deadlines) throws Exception {
        URI url = settings.url().orElseThrow();
        Map<String, Object> options = new HashMap<>();
        options.put("throwExceptionOnFailure", "false");
        options.put("followRedirects", "false");
        options.put("connectTimeout", Long.toString(settings.connectTimeout().toMillis()));
        options.put("connectionRequestTimeout", Long.toString(settings.connectTimeout().toMillis()));
        options.put("responseTimeout", Long.toString(settings.requestTimeout().toMillis()));
        options.put("soTimeout", Long.toString(settings.requestTimeout().toMillis()));
        // Connections are kept alive and pooled; the pool's size bounds the requests in flight, and a request
        // waits for a free connection at most connectTimeout (connectionRequestTimeout above).
        options.put("maxTotalConnections", Integer.toString(settings.maxConnections()));
        options.put("connectionsPerRoute", Integer.toString(settings.maxConnections()));
        boolean https = url.getScheme().equals("https");
        BoundedExchanges bounds = new BoundedExchanges(settings.requestTimeout(), limits, deadlines);
        options.put("httpClientConfigurer", (HttpClientConfigurer) builder -> {
            // Outermost in HttpClient's chain: its deadline covers HttpClient's own retries too.
            builder.addExecInterceptorFirst(BoundedExchanges.NAME, bounds);
            if (https) {
                builder.addExecInterceptorFirst(ConnectionsByTls.NAME, new ConnectionsByTls(tls));
            }
            // A connection idle this long may have been closed by the control plane or a proxy in between.
            builder.evictIdleConnections(IDLE);
        });
        if (https) {
            // Only for https: the component switches any endpoint with TLS parameters to https.
            options.put("sslContextParameters", new ControlPlaneSslParameters(tls.sslContext()));
        }
        Endpoint endpoint = camel.getComponent(url.getScheme(), true).createEndpoint(url.toString(), options);
        if (endpoint instanceof HttpEndpoint http
                && http.getClientConnectionManager() instanceof PoolingHttpClientConnectionManager pool) {
            // A kept connection the server closed meanwhile is found out before a request is written to it,
            // rather than failing that request (a POST is not retried).
            pool.setDefaultConnectionConfig(ConnectionConfig.custom()
                    .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                    .setSocketTimeout(Timeout.of(settings.requestTimeout()))
                    .setValidateAfterInactivity(VALIDATE_AFTER).build());
        }
        ServiceHelper.startService(endpoint);
        return endpoint;
    }
}
