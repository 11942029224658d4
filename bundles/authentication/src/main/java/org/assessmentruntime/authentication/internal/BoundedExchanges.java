package org.assessmentruntime.authentication.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;

/**
 * The outermost step of the control-plane http client: every exchange (connecting, sending, reading
 * the whole reply, and any retry HttpClient makes) must finish within one deadline, and every reply
 * body is capped while it streams. Installed once in {@link HttpEndpoints}, so every caller of the
 * control-plane route and the token request are bounded alike.
 */
final class BoundedExchanges implements ExecChainHandler {

    /** Its name in HttpClient's chain. */
    static final String NAME = "assessment-bounded-exchange";

    private final Duration deadline;
    private final Function<String, ReplyLimit> limits;
    private final ScheduledExecutorService scheduler;

    /**
     * @param deadline  how long one exchange may take in all
     * @param limits    the reply limit, by request path
     * @param scheduler runs the deadlines
     */
    BoundedExchanges(Duration deadline, Function<String, ReplyLimit> limits, ScheduledExecutorService scheduler) {
        this.deadline = deadline;
        this.limits = limits;
        this.scheduler = scheduler;
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        String path = pathOf(request.getPath());
        ReplyLimit limit = limits.apply(path);
        ExchangeGuard guard = new ExchangeGuard(scope, request.getMethod() + " " + path, deadline);
        guard.arm(scheduler);
        ClassicHttpResponse response;
        try {
            response = chain.proceed(request, scope);
        } catch (IOException e) {
            guard.disarm();
            throw guard.explain(e);
        } catch (HttpException | RuntimeException e) {
            guard.disarm();
            if (guard.expired()) {
                throw guard.explain(new IOException(e));
            }
            throw e;
        }
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            guard.disarm();
            return response;
        }
        if (entity.getContentLength() > limit.maxBytes()) {
            // Announced too large: not a byte of it is read.
            guard.abort();
            throw new ReplyTooLargeException(guard.exchange(), limit);
        }
        response.setEntity(new BoundedEntity(entity, limit, guard));
        return response;
    }

    private static String pathOf(String requestPath) {
        if (requestPath == null) {
            return "/";
        }
        int query = requestPath.indexOf('?');
        return query < 0 ? requestPath : requestPath.substring(0, query);
    }
}
