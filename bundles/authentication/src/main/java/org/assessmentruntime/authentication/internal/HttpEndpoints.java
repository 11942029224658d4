package org.assessmentruntime.authentication.internal;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
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
     * no redirects are followed, the configured timeouts apply, and for https the connection's TLS.
     */
    static Endpoint create(CamelContext camel, Settings settings, ReloadingTls tls) throws Exception {
        URI url = settings.url().orElseThrow();
        Map<String, Object> options = new HashMap<>();
        options.put("throwExceptionOnFailure", "false");
        options.put("followRedirects", "false");
        options.put("connectTimeout", Long.toString(settings.connectTimeout().toMillis()));
        options.put("connectionRequestTimeout", Long.toString(settings.connectTimeout().toMillis()));
        options.put("responseTimeout", Long.toString(settings.requestTimeout().toMillis()));
        options.put("soTimeout", Long.toString(settings.requestTimeout().toMillis()));
        options.put("headerFilterStrategy", new ControlPlaneHeaderFilter());
        if (url.getScheme().equals("https")) {
            // Only for https: the component switches any endpoint with TLS parameters to https.
            options.put("sslContextParameters", new ControlPlaneSslParameters(tls.sslContext()));
        }
        Endpoint endpoint = camel.getComponent(url.getScheme(), true).createEndpoint(url.toString(), options);
        ServiceHelper.startService(endpoint);
        return endpoint;
    }
}
