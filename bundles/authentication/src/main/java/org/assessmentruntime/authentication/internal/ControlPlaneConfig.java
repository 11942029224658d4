package org.assessmentruntime.authentication.internal;

import org.assessmentruntime.api.ControlPlaneConnection;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The runtime's connection to the control plane ({@value ControlPlaneConnection#PID}). Environment
 * variables override these settings (see {@link Settings}); the control plane's remote configuration
 * never can.
 */
@ObjectClassDefinition(name = "Assessment Runtime control plane connection",
        description = "Where the control plane is and how the runtime proves itself to it. Empty url: standalone.")
public @interface ControlPlaneConfig {

    @AttributeDefinition(description = "Base URL of the control plane (http or https); empty = standalone")
    String url() default "";

    @AttributeDefinition(description = "Client id for the token endpoint; empty = requests go without a token")
    String clientId() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Client secret (prefer clientSecretFile)")
    String clientSecret() default "";

    @AttributeDefinition(description = "File holding the client secret (surrounding whitespace is trimmed)")
    String clientSecretFile() default "";

    @AttributeDefinition(description = "PEM file with the client certificate, then its chain")
    String clientCertificate() default "";

    @AttributeDefinition(description = "PEM file with the client's PKCS#8 private key (BEGIN PRIVATE KEY), RSA or EC")
    String clientKey() default "";

    @AttributeDefinition(description = "PKCS12 file with the client key and certificate (instead of clientCertificate/clientKey)")
    String clientKeystore() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Password of clientKeystore")
    String clientKeystorePassword() default "";

    @AttributeDefinition(description = "PEM file with the CA certificates to trust; empty = the JDK's default trust")
    String caBundle() default "";

    @AttributeDefinition(description = "Seconds to wait for a connection")
    int connectTimeoutSeconds() default 10;

    @AttributeDefinition(description = "Seconds one request may take in all: connecting, sending and reading the "
            + "whole reply (a total deadline, not a read timeout)")
    int requestTimeoutSeconds() default 30;

    @AttributeDefinition(description = "Seconds between heartbeats")
    int heartbeatIntervalSeconds() default 60;

    @AttributeDefinition(description = "Seconds between remote configuration polls (at least 15)")
    int configPollIntervalSeconds() default 60;

    @AttributeDefinition(description = "What to do with remote configuration: off, report-only or apply")
    String remoteConfig() default "apply";

    @AttributeDefinition(description = "Seconds before expiry at which a token is renewed")
    int tokenRefreshBeforeSeconds() default 60;

    @AttributeDefinition(description = "Accept plain http to a control plane on another machine (secret and tokens "
            + "in clear); loopback http is always accepted")
    boolean allowInsecureHttp() default false;

    @AttributeDefinition(description = "Largest token reply read, in KiB (1..65536); a larger one fails the request")
    int maxTokenReplyKiB() default 64;

    @AttributeDefinition(description = "Largest remote-configuration reply read, in KiB (1..65536)")
    int maxConfigReplyKiB() default 4096;

    @AttributeDefinition(description = "Largest reply to any other control-plane request, in KiB (1..65536)")
    int maxReplyKiB() default 1024;

    @AttributeDefinition(description = "Connections kept open to the control plane, which bounds the requests in "
            + "flight at once (1..64); a request waits for a free one at most connectTimeoutSeconds")
    int maxConnections() default 8;
}
