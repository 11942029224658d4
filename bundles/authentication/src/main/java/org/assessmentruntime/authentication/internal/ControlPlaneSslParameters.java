package org.assessmentruntime.authentication.internal;

import javax.net.ssl.SSLContext;

import org.apache.camel.CamelContext;
import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * Hands the connection's reloading {@link SSLContext} to Camel's http component. The component (4.18)
 * calls {@link #createSSLContext(CamelContext)} once, when it creates the endpoint's connection manager,
 * and keeps the result; the context itself follows the certificate files (see {@link ReloadingTls}).
 */
final class ControlPlaneSslParameters extends SSLContextParameters {

    private final SSLContext context;

    ControlPlaneSslParameters(SSLContext context) {
        this.context = context;
    }

    @Override
    public SSLContext createSSLContext(CamelContext camelContext) {
        return context;
    }

    @Override
    public String toString() {
        return "ControlPlaneSslParameters";
    }
}
