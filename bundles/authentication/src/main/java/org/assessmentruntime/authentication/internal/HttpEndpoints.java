package org.assessmentruntime.authentication.internal;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Creates the Camel http endpoint of the control plane. Built programmatically rather than from a URI
 * string so that the TLS parameters and the header filter are passed as objects, without binding them
 * in the shared registry.
 */
final class HttpEndpoints {

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
        options.put("headerFilterStrategy", new ControlPlaneHeaderFilter());
        BoundedExchanges bounds = new BoundedExchanges(settings.requestTimeout(), limits, deadlines);
        // Outermost in HttpClient's chain: its deadline covers HttpClient's own retries too.
        options.put("httpClientConfigurer",
                (HttpClientConfigurer) builder -> builder.addExecInterceptorFirst(BoundedExchanges.NAME, bounds));
        if (url.getScheme().equals("https")) {
            // Only for https: the component switches any endpoint with TLS parameters to https.
            options.put("sslContextParameters", new ControlPlaneSslParameters(tls.sslContext()));
        }
        Endpoint endpoint = camel.getComponent(url.getScheme(), true).createEndpoint(url.toString(), options);
        ServiceHelper.startService(endpoint);
        return endpoint;
    }
}
