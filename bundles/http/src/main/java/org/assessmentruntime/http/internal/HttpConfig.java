package org.assessmentruntime.http.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The HTTP surface's configuration, PID {@value HttpSettings#PID} ({@code etc/org.assessmentruntime.http.cfg}).
 * Where it listens (address, port, TLS) is pax-web's ({@code etc/org.ops4j.pax.web.cfg}); this decides who
 * is answered.
 */
@ObjectClassDefinition(name = "Assessment Runtime HTTP surface",
        description = "Who may use /health, /ready, /metrics and /api/*, and how much one request may read.")
public @interface HttpConfig {

    /** Whether clients other than loopback ones are answered. */
    @AttributeDefinition(description = "Answer clients whose address is not a loopback address. Off: every other "
            + "client gets 403, even when the HTTP service listens on all interfaces.")
    boolean allowRemote() default false;

    /** How clients prove who they are. */
    @AttributeDefinition(description = "none: no login. basic: HTTP basic authentication against a Karaf JAAS "
            + "realm (use it with TLS, or on loopback only).",
            options = {@Option(label = "none", value = "none"), @Option(label = "basic", value = "basic")})
    String authentication() default "none";

    /** The JAAS realm that checks user and password. */
    @AttributeDefinition(description = "The JAAS realm that checks basic-auth users (Karaf's own is 'karaf', "
            + "users in etc/users.properties).")
    String realm() default "karaf";

    /** The role a user must have. */
    @AttributeDefinition(description = "The role a basic-auth user must have (a Karaf role, e.g. viewer, admin); "
            + "empty: any user the realm accepts.")
    String requiredRole() default "viewer";

    /** Results returned when a request gives no limit. */
    @AttributeDefinition(description = "Results (or results read for runs) returned when a request gives no "
            + "limit, 1 to maxLimit.", min = "1", max = "10000")
    int defaultLimit() default 100;

    /** Most results one request may ask for. */
    @AttributeDefinition(description = "Most results (or results read for runs) one request may ask for, "
            + "1 to 10000; a larger limit is refused with 400.", min = "1", max = "10000")
    int maxLimit() default 1000;
}
