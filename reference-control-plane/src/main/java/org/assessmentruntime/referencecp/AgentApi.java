package org.assessmentruntime.referencecp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The agent routes under {@code /api}, imitating the real control plane. */
final class AgentApi {

    static final String TOKEN = "/api/auth/agent/token";
    static final String HEARTBEAT = "/api/agent/heartbeat";
    static final String EVIDENCE = "/api/evidence";
    static final String EVIDENCE_BATCH = "/api/evidence/batch";
    static final String CONFIG = "/api/agent/config";
    static final int MAX_CONFIG_REPORT = 4 * 1024 * 1024;
    private static final Pattern CONFIG_REPORT = Pattern.compile("/api/agent/instances/([^/]+)/config-report");

    private final Tokens tokens;
    private final boolean requireToken;
    private final boolean remoteConfigSupported;
    private final boolean batchOffered;
    private final Validation validation;
    private final EvidenceLedger ledger;
    private final Received received;
    private final RemoteConfig config;

    AgentApi(Tokens tokens, boolean requireToken, boolean remoteConfigSupported, boolean batchOffered,
             Validation validation, EvidenceLedger ledger, Received received, RemoteConfig config) {
        this.tokens = tokens;
        this.requireToken = requireToken;
        this.remoteConfigSupported = remoteConfigSupported;
        this.batchOffered = batchOffered;
        this.validation = validation;
        this.ledger = ledger;
        this.received = received;
        this.config = config;
    }

    /** The answer, or {@code null} when the path is not an agent route. */
    Reply route(Request request) {
        String path = request.path();
        switch (path) {
            case TOKEN:
                return method(request, "POST") ? token(request) : null;
            case HEARTBEAT:
                return method(request, "POST") ? heartbeat(request) : null;
            case EVIDENCE:
                return method(request, "POST") ? evidence(request) : null;
            case EVIDENCE_BATCH:
                if (!batchOffered) {
                    return Reply.error(404, "not found");
                }
                return method(request, "POST") ? batch(request) : null;
            case CONFIG:
                if (!remoteConfigSupported) {
                    return Reply.error(404, "not found");
                }
                return method(request, "GET") ? config(request) : null;
            default:
                Matcher report = CONFIG_REPORT.matcher(path);
                if (report.matches()) {
                    return method(request, "PUT") ? configReport(request) : null;
                }
                return null;
        }
    }

    private static boolean method(Request request, String allowed) {
        if (!request.method().equals(allowed)) {
            throw new Refusal(Reply.error(405, "method not allowed").withHeader("Allow", allowed));
        }
        return true;
    }

    private Reply token(Request request) {
        String id = null;
        String secret = null;
        String authorization = request.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                if (colon >= 0) {
                    id = pair.substring(0, colon);
                    secret = pair.substring(colon + 1);
                }
            } catch (IllegalArgumentException e) {
                return unauthorizedClient("malformed Basic credentials");
            }
        } else if (request.body().length > 0) {
            Map<String, String> form = form(new String(request.body(), StandardCharsets.UTF_8));
            id = form.get("client_id");
            secret = form.get("client_secret");
        }
        Tokens.Check check = tokens.credentials(id, secret);
        if (check.status() == 401) {
            return unauthorizedClient(check.message());
        }
        if (!check.ok()) {
            return Reply.error(check.status(), check.message());
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        String token = tokens.issue();
        body.put("access_token", token);
        body.put("token_type", "Bearer");
        body.put("expires_in", tokens.lifetime().toSeconds());
        received.tokenIssued(token);
        // Not wrapped in "data": the real token endpoint answers the OAuth-style object bare.
        return Reply.json(200, body).withHeader("Cache-Control", "no-store");
    }

    private static Reply unauthorizedClient(String message) {
        return Reply.error(401, message).withHeader("WWW-Authenticate", "Basic realm=\"agent\"");
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private void bearer(Request request, boolean required) {
        if (!required) {
            return;
        }
        Tokens.Check check = tokens.bearer(request.header("Authorization"));
        if (!check.ok()) {
            throw new Refusal(Reply.error(check.status(), check.message())
                    .withHeader("WWW-Authenticate", "Bearer"));
        }
    }

    private Reply heartbeat(Request request) {
        bearer(request, requireToken);
        JsonNode body = request.json();
        Map<String, String> errors = new LinkedHashMap<>();
        validation.heartbeat(body, errors);
        if (!errors.isEmpty()) {
            return Reply.errors(400, errors);
        }
        received.heartbeat(body);
        return Reply.empty(201);
    }

    private Reply evidence(Request request) {
        bearer(request, requireToken);
        JsonNode item = request.json();
        Map<String, String> errors = new LinkedHashMap<>();
        validation.evidence(item, "", errors);
        if (!errors.isEmpty()) {
            return Reply.errors(400, errors);
        }
        store(List.of(item));
        return Reply.data(201, item);
    }

    private Reply batch(Request request) {
        bearer(request, requireToken);
        JsonNode body = request.json();
        JsonNode items = body.get("items");
        if (items == null || !items.isArray()) {
            return Reply.errors(400, Map.of("items", "required: an array of evidence"));
        }
        Map<String, String> errors = new LinkedHashMap<>();
        List<JsonNode> all = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            validation.evidence(items.get(i), "items[" + i + "].", errors);
            all.add(items.get(i));
        }
        if (!errors.isEmpty()) {
            return Reply.errors(400, errors); // all-or-nothing: nothing stored
        }
        int duplicates = store(all);
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("accepted", all.size() - duplicates);
        result.put("duplicates", duplicates);
        return Reply.data(201, result);
    }

    /** Stores valid evidence, returns how many were duplicates. */
    private int store(List<JsonNode> items) {
        List<String> keys = items.stream().map(Validation::resultId).toList();
        boolean[] duplicate = ledger.accept(keys);
        int duplicates = 0;
        for (int i = 0; i < items.size(); i++) {
            received.evidence(items.get(i), keys.get(i), duplicate[i]);
            duplicates += duplicate[i] ? 1 : 0;
        }
        return duplicates;
    }

    private Reply config(Request request) {
        bearer(request, true);
        RemoteConfig.Revision current = config.current();
        String ifNoneMatch = request.header("If-None-Match");
        if (matches(ifNoneMatch, current.etag())) {
            return Reply.empty(304).withHeader("ETag", current.etag());
        }
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.put("revision", current.number());
        data.set("overlay", current.overlay().deepCopy());
        data.put("created-at", current.createdAt().toString());
        return Reply.data(200, data)
                .withHeader("ETag", current.etag())
                .withHeader("X-CCF-Remote-Config", "1");
    }

    /** {@code If-None-Match} may list several tags or be {@code *} (RFC 9110). */
    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    private Reply configReport(Request request) {
        bearer(request, true);
        if (request.body().length > MAX_CONFIG_REPORT) {
            return Reply.error(413, "config report larger than 4 MiB");
        }
        JsonNode body = request.json();
        if (!body.isObject()) {
            return Reply.error(400, "config report must be a JSON object");
        }
        received.configReport(body);
        return Reply.empty(204);
    }
}
