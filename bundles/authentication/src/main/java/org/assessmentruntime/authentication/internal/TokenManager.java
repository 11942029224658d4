package org.assessmentruntime.authentication.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.assessmentruntime.api.AccessToken;
import org.assessmentruntime.api.Authentication;
import org.assessmentruntime.api.AuthenticationException;
import org.assessmentruntime.api.AuthenticationStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Obtains, caches and renews the bearer token of one set of client credentials.
 *
 * <p>A token is renewed {@code tokenRefreshBefore} before it expires, or at half its life when it lives
 * shorter than twice that. Concurrent callers needing a new token share one request. A 403 from the
 * token endpoint (key revoked or expired, agent inactive) only changes when an operator acts, so
 * further calls fail fast for a growing back-off (30 s doubling to 10 min) instead of hammering the
 * server. If renewing fails for another reason while the current token is still valid, that token is
 * used until it expires.
 *
 * <p>No caller waits for a token longer than {@code wait}: the shared request completes on every
 * outcome, an {@link Error} included, and a request still running past {@code wait} counts as stuck: it
 * is reported ({@link #down()}) and the next caller starts a new one instead of joining it.
 */
final class TokenManager implements Authentication {

    private static final Logger LOG = LoggerFactory.getLogger(TokenManager.class);

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(30);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

    private final String clientId;
    private final boolean configured;
    private final Duration refreshBefore;
    private final Duration wait;
    private final TokenEndpoint endpoint;
    private final Clock clock;

    private final Object lock = new Object();
    private volatile Held held;
    private CompletableFuture<Held> inflight;
    private volatile Instant inflightSince;
    private volatile String lastError = "";
    private Instant refusedUntil;
    private String refusal;
    private Duration nextBackoff = FIRST_BACKOFF;

    /**
     * @param wait     the longest any caller waits for a token request
     * @param endpoint asks for tokens; not called when {@code clientId} is empty
     */
    TokenManager(String clientId, Duration refreshBefore, Duration wait, TokenEndpoint endpoint, Clock clock) {
        this.clientId = clientId == null ? "" : clientId;
        this.configured = !this.clientId.isEmpty();
        this.refreshBefore = refreshBefore;
        this.wait = wait;
        this.endpoint = endpoint;
        this.clock = clock;
    }

    /** Without credentials: every request goes anonymously. */
    static TokenManager anonymous() {
        return new TokenManager("", Duration.ZERO, Duration.ZERO, () -> {
            throw new AuthenticationException("no client credentials configured", false, null);
        }, Clock.systemUTC());
    }

    @Override
    public Optional<AccessToken> token() throws AuthenticationException {
        if (!configured) {
            return Optional.empty();
        }
        CompletableFuture<Held> shared;
        boolean leader = false;
        Held current;
        synchronized (lock) {
            current = held;
            Instant now = clock.instant();
            if (current != null && now.isBefore(current.renewAt())) {
                return Optional.of(current.token());
            }
            if (refusedUntil != null && now.isBefore(refusedUntil)) {
                throw new AuthenticationException(refusal + " (not asking again before " + refusedUntil + ")", true,
                        null);
            }
            if (inflight != null && stuck(now)) {
                // Its caller is stuck somewhere no deadline reached: release whoever waits and ask anew.
                String why = stuckMessage(now);
                LOG.warn("Control plane token: {}; asking again", why);
                inflight.completeExceptionally(new AuthenticationException(why, false, null));
                inflight = null;
                lastError = why;
            }
            if (inflight == null) {
                inflight = new CompletableFuture<>();
                inflightSince = now;
                leader = true;
            }
            shared = inflight;
        }
        if (leader) {
            fetch(shared);
        }
        try {
            return Optional.of(await(shared).token());
        } catch (AuthenticationException failure) {
            if (!failure.credentialsRejected() && current != null
                    && clock.instant().isBefore(current.token().expiresAt())) {
                // Renewal failed but the token still works: use it rather than fail the request.
                return Optional.of(current.token());
            }
            throw new AuthenticationException(failure.getMessage(), failure.credentialsRejected(), failure);
        }
    }

    /** The shared request's outcome, waiting at most {@code wait}. */
    private Held await(CompletableFuture<Held> shared) throws AuthenticationException {
        try {
            return shared.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof AuthenticationException a ? a
                    : new AuthenticationException("token request failed: " + e.getCause(), false, e.getCause());
        } catch (TimeoutException e) {
            throw new AuthenticationException("no token: the token request did not complete within "
                    + wait.toSeconds() + " s", false, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthenticationException("interrupted while waiting for a token", false, e);
        }
    }

    private void fetch(CompletableFuture<Held> shared) {
        Instant requested = clock.instant();
        try {
            TokenGrant grant = endpoint.request();
            Duration life = grant.expiresIn();
            Duration lead = refreshBefore.compareTo(life.dividedBy(2)) > 0 ? life.dividedBy(2) : refreshBefore;
            Instant expiresAt = requested.plus(life);
            Held fresh = new Held(new AccessToken(grant.accessToken(), expiresAt), expiresAt.minus(lead));
            synchronized (lock) {
                held = fresh;
                release(shared);
                lastError = "";
                refusedUntil = null;
                refusal = null;
                nextBackoff = FIRST_BACKOFF;
            }
            LOG.debug("Obtained a control-plane token valid until {}", expiresAt);
            shared.complete(fresh);
        } catch (TokenRefusedException e) {
            synchronized (lock) {
                release(shared);
                held = null;
                lastError = e.getMessage();
                if (e.status() == 403) {
                    refusedUntil = clock.instant().plus(nextBackoff);
                    refusal = e.getMessage();
                    nextBackoff = nextBackoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF
                            : nextBackoff.multipliedBy(2);
                }
            }
            LOG.error("Control plane token: {}", e.getMessage());
            shared.completeExceptionally(e);
        } catch (Throwable e) {
            // Every outcome completes the shared request, an Error too: else its waiters would park forever.
            AuthenticationException failure = e instanceof AuthenticationException a ? a
                    : new AuthenticationException("token request failed: " + e, false, e);
            synchronized (lock) {
                release(shared);
                lastError = failure.getMessage();
            }
            LOG.warn("Control plane token: {}", failure.getMessage());
            shared.completeExceptionally(failure);
            if (e instanceof Error error) {
                throw error;
            }
        }
    }

    /** Ends the shared request, unless it was already given up as stuck and replaced. */
    private void release(CompletableFuture<Held> shared) {
        if (inflight == shared) {
            inflight = null;
            inflightSince = null;
        }
    }

    private boolean stuck(Instant now) {
        Instant since = inflightSince;
        return since != null && now.isAfter(since.plus(wait));
    }

    private String stuckMessage(Instant now) {
        return "the token request started at " + inflightSince + " has not completed after "
                + Duration.between(inflightSince, now).toSeconds() + " s (deadline " + wait.toSeconds() + " s)";
    }

    /**
     * Why requests cannot be authenticated now, for health: a token request stuck past its deadline, or
     * the last one failed and no valid token is left. Empty when they can (or need no token).
     */
    Optional<String> down() {
        if (!configured) {
            return Optional.empty();
        }
        synchronized (lock) {
            Instant now = clock.instant();
            if (inflight != null && stuck(now)) {
                return Optional.of(stuckMessage(now));
            }
            Held current = held;
            boolean valid = current != null && now.isBefore(current.token().expiresAt());
            return valid || lastError.isEmpty() ? Optional.empty() : Optional.of(lastError);
        }
    }

    @Override
    public void invalidate(AccessToken refused) {
        if (refused == null) {
            return;
        }
        synchronized (lock) {
            Held current = held;
            if (current != null && current.token().value().equals(refused.value())) {
                held = null;
            }
        }
    }

    @Override
    public AuthenticationStatus status() {
        Held current = held;
        String error = lastError;
        synchronized (lock) {
            Instant now = clock.instant();
            if (inflight != null && stuck(now)) {
                error = stuckMessage(now);
            }
        }
        return new AuthenticationStatus(configured, clientId, current == null ? null : current.token().expiresAt(),
                error);
    }

    @Override
    public String toString() {
        return "TokenManager[clientId=" + clientId + ", " + status() + "]";
    }

    /** A token and when to renew it. */
    private record Held(AccessToken token, Instant renewAt) {
    }
}
