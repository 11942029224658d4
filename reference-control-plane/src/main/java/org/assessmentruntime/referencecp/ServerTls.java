package org.assessmentruntime.referencecp;

import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * TLS settings of the server: the {@link SSLContext} holding its key and certificate (and, for mTLS, trusting the
 * client CA), and the client CA whose presence makes client certificates mandatory.
 */
public final class ServerTls {

    private final SSLContext sslContext;
    private final X509Certificate clientCa;

    private ServerTls(SSLContext sslContext, X509Certificate clientCa) {
        this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
        this.clientCa = clientCa;
    }

    /**
     * @param sslContext      server context (key manager with the server certificate; trust manager accepting the
     *                        client CA when mTLS is wanted)
     * @param clientCaOrNull  CA of the client certificates; {@code null} serves plain TLS without client auth
     */
    public static ServerTls of(SSLContext sslContext, X509Certificate clientCaOrNull) {
        return new ServerTls(sslContext, clientCaOrNull);
    }

    public SSLContext sslContext() {
        return sslContext;
    }

    /** The client CA, or {@code null} when client certificates are not requested. */
    public X509Certificate clientCa() {
        return clientCa;
    }
}
