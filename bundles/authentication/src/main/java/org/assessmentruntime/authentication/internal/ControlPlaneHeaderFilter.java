package org.assessmentruntime.authentication.internal;

import org.apache.camel.http.common.HttpHeaderFilterStrategy;

/**
 * Camel's http header filter, except that it lets {@code Connection: close} through. The routes send
 * it so that every request opens a new TLS connection: a pooled connection would keep presenting the
 * client certificate it was opened with after the certificate was rotated. (HttpClient 5 happens not to
 * reuse connections that authenticated with a client certificate anyway, since it ties them to that
 * principal; the header makes the guarantee ours rather than a side effect. Sessions are still resumed
 * cheaply until the certificate changes: see {@link ReloadingTls}. Control-plane traffic is a few
 * requests a minute, so the extra handshakes cost nothing that matters.)
 */
final class ControlPlaneHeaderFilter extends HttpHeaderFilterStrategy {

    @Override
    protected void initialize() {
        super.initialize();
        getOutFilter().remove("connection");
    }
}
