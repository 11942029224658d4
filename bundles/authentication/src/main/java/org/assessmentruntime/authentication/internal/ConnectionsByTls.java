package org.assessmentruntime.authentication.internal;

import java.io.IOException;

import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;

/**
 * Ties every kept-alive control-plane connection to the TLS material it was opened with, so that a
 * rotated client certificate (or CA bundle) is presented on the very next request although connections
 * are reused.
 *
 * <p>HttpClient's pool hands a request only a connection whose state equals the request's user token.
 * This step sets that token, before the pool is asked, to the {@link javax.net.ssl.SSLContext} that
 * {@link ReloadingTls} builds from the files of the moment (checking them if due). While the files stay
 * the same, every request carries the same context and reuses the open connections; once they change,
 * the token is the new context, no open connection matches, and the request opens a new one with the
 * new material. The old connections are closed as the pool needs their room, or as idle ones are
 * evicted. Setting the token also keeps HttpClient from deriving it from the TLS session (the client
 * certificate's principal), which would otherwise make an mTLS connection never match a new request.
 */
final class ConnectionsByTls implements ExecChainHandler {

    /** Its name in HttpClient's chain. */
    static final String NAME = "assessment-connections-by-tls";

    private final ReloadingTls tls;

    ConnectionsByTls(ReloadingTls tls) {
        this.tls = tls;
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        scope.clientContext.setUserToken(tls.context());
        return chain.proceed(request, scope);
    }
}
