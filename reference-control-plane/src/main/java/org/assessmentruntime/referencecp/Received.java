package org.assessmentruntime.referencecp;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the server has received since it started (or since {@link #clear()}). All methods are thread-safe and return
 * copies. {@link #clear()} forgets the observations only: evidence already accepted is still recognised as a
 * duplicate afterwards, as a real server's database would.
 */
public final class Received {

    private final Object lock = new Object();
    private final List<JsonNode> heartbeats = new ArrayList<>();
    private final List<JsonNode> evidence = new ArrayList<>();
    private final Set<String> resultIds = new LinkedHashSet<>();
    private final List<JsonNode> configReports = new ArrayList<>();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final List<String> clientCertificateSubjects = new ArrayList<>();
    private final Set<String> clientConnections = new LinkedHashSet<>();
    private final List<String> inFlight = new ArrayList<>();
    private int evidenceRequests;
    private int duplicateEvidence;
    private int tokensIssued;
    private final List<String> issuedTokens = new ArrayList<>();

    Received() {
    }

    /** Heartbeat bodies, in arrival order. */
    public List<JsonNode> heartbeats() {
        synchronized (lock) {
            return copies(heartbeats);
        }
    }

    /** Accepted evidence, without duplicates, in arrival order. */
    public List<JsonNode> evidence() {
        synchronized (lock) {
            return copies(evidence);
        }
    }

    /** Dedupe keys of {@link #evidence()}: {@code labels._result} when present, else {@code uuid + "@" + end}. */
    public Set<String> resultIds() {
        synchronized (lock) {
            return new LinkedHashSet<>(resultIds);
        }
    }

    /** Valid evidence items received, duplicates included (single requests and batch items). */
    public int evidenceRequests() {
        synchronized (lock) {
            return evidenceRequests;
        }
    }

    /** Valid evidence items that were duplicates of accepted ones (answered 201, not stored again). */
    public int duplicateEvidence() {
        synchronized (lock) {
            return duplicateEvidence;
        }
    }

    public int tokensIssued() {
        synchronized (lock) {
            return tokensIssued;
        }
    }

    /**
     * The access tokens issued, in order: secrets of this test server, exposed so that a test can prove
     * none of them reaches a log.
     */
    public List<String> issuedTokens() {
        synchronized (lock) {
            return List.copyOf(issuedTokens);
        }
    }

    /** Bodies of {@code PUT /api/agent/instances/{id}/config-report}, in arrival order. */
    public List<JsonNode> configReports() {
        synchronized (lock) {
            return copies(configReports);
        }
    }

    /** Every request answered (faults included), in completion order. */
    public List<RecordedRequest> requests() {
        synchronized (lock) {
            return List.copyOf(requests);
        }
    }

    /** Subject DN (RFC 2253) of the client certificate of each TLS request that presented one, in order. */
    public List<String> clientCertificateSubjects() {
        synchronized (lock) {
            return List.copyOf(clientCertificateSubjects);
        }
    }

    /**
     * How many connections the requests came on: their distinct client addresses and ports. Fewer than
     * {@link #requests()} means the client kept connections alive.
     */
    public int connections() {
        synchronized (lock) {
            return clientConnections.size();
        }
    }

    /** Requests with a path starting with {@code pathPrefix} that arrived and are not answered yet. */
    public int inFlight(String pathPrefix) {
        synchronized (lock) {
            return (int) inFlight.stream().filter(p -> p.startsWith(pathPrefix)).count();
        }
    }

    /** Waits until at least {@code count} requests with a path starting with {@code pathPrefix} are in flight. */
    public boolean awaitInFlight(String pathPrefix, int count, Duration timeout) throws InterruptedException {
        return await(() -> inFlight.stream().filter(p -> p.startsWith(pathPrefix)).count() >= count, timeout);
    }

    /** Waits until at least {@code count} distinct evidence items were accepted. */
    public boolean awaitEvidence(int count, Duration timeout) throws InterruptedException {
        return await(() -> evidence.size() >= count, timeout);
    }

    /** Waits until at least {@code count} heartbeats were received. */
    public boolean awaitHeartbeats(int count, Duration timeout) throws InterruptedException {
        return await(() -> heartbeats.size() >= count, timeout);
    }

    /** Waits until at least {@code count} requests with a path starting with {@code pathPrefix} were answered. */
    public boolean awaitRequests(String pathPrefix, int count, Duration timeout) throws InterruptedException {
        return await(() -> requests.stream().filter(r -> r.path().startsWith(pathPrefix)).count() >= count, timeout);
    }

    /** Forgets all observations (not the server's knowledge of accepted evidence). */
    public void clear() {
        synchronized (lock) {
            heartbeats.clear();
            evidence.clear();
            resultIds.clear();
            configReports.clear();
            requests.clear();
            clientCertificateSubjects.clear();
            clientConnections.clear();
            evidenceRequests = 0;
            duplicateEvidence = 0;
            tokensIssued = 0;
            issuedTokens.clear();
            lock.notifyAll();
        }
    }

    private boolean await(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    private static List<JsonNode> copies(List<JsonNode> nodes) {
        return nodes.stream().<JsonNode>map(JsonNode::deepCopy).toList();
    }

    void heartbeat(JsonNode body) {
        synchronized (lock) {
            heartbeats.add(body.deepCopy());
            lock.notifyAll();
        }
    }

    void evidence(JsonNode item, String resultId, boolean duplicate) {
        synchronized (lock) {
            evidenceRequests++;
            if (duplicate) {
                duplicateEvidence++;
            } else {
                // The request's own tree, which nothing touches after this; readers get copies (copies()).
                evidence.add(item);
                resultIds.add(resultId);
            }
            lock.notifyAll();
        }
    }

    void tokenIssued(String token) {
        synchronized (lock) {
            tokensIssued++;
            issuedTokens.add(token);
        }
    }

    void configReport(JsonNode body) {
        synchronized (lock) {
            configReports.add(body.deepCopy());
            lock.notifyAll();
        }
    }

    void arrived(String path) {
        synchronized (lock) {
            inFlight.add(path);
            lock.notifyAll();
        }
    }

    void request(RecordedRequest request, String clientCertificateSubject, String clientAddress) {
        synchronized (lock) {
            inFlight.remove(request.path());
            requests.add(request);
            clientConnections.add(clientAddress);
            if (clientCertificateSubject != null) {
                clientCertificateSubjects.add(clientCertificateSubject);
            }
            lock.notifyAll();
        }
    }
}
