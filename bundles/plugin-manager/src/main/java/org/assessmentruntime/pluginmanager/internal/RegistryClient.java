package org.assessmentruntime.pluginmanager.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.NotFoundException;
import org.assessmentruntime.api.PluginVerificationException;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.PluginId;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads a plugin registry (plugins/REGISTRY.md): the versions of a plugin, one version's download
 * record, and the files it points to. HTTPS only, or plain HTTP to a loopback host. It checks the form
 * of what the registry says, not its trustworthiness: the caller verifies digests and signatures.
 */
final class RegistryClient implements RegistryInstaller.Source {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The default deadline of one request, reply body included (a reply that drips in is cut off). */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** Larger modules (and OCI blobs) are refused: no plugin module is that large. */
    static final int MAX_BYTES = 64 * 1024 * 1024;
    /** Larger JSON replies (versions, download records, plugin.json, OCI manifests) are refused. */
    static final int MAX_JSON_BYTES = 1024 * 1024;

    private static final Pattern HEX64 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /**
     * One version's download record.
     *
     * @param module   absolute URL of the {@code .wasm}
     * @param manifest absolute URL of its {@code plugin.json}
     * @param sha256   the module's SHA-256, 64 hex digits
     * @param signature base64 Ed25519 signature over the plugin statement (name, version, both digests)
     * @param keyId    the signing key's id
     */
    record Download(URI module, URI manifest, String sha256, String signature, String keyId) {
    }

    private final URI base;
    private final HttpClient http;
    private final Duration deadline;

    /** @throws AssessmentException if the URL is not HTTPS (or HTTP to a loopback host) */
    RegistryClient(String baseUrl) throws AssessmentException {
        this(baseUrl, REQUEST_TIMEOUT);
    }

    /**
     * @param deadline how long one request may take, from sending it to the last byte of its reply
     * @throws AssessmentException if the URL is not HTTPS (or HTTP to a loopback host)
     */
    RegistryClient(String baseUrl, Duration deadline) throws AssessmentException {
        this.deadline = deadline;
        URI uri;
        try {
            uri = new URI(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        } catch (URISyntaxException e) {
            throw new AssessmentException("registryUrl '" + baseUrl + "' is not a URL: " + e.getMessage(), e);
        }
        this.base = checked(uri, "registryUrl");
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String base() {
        return base.toString();
    }

    /** The download record of one version, then the module and manifest it points to. */
    @Override
    public RegistryInstaller.Candidate fetch(PluginId id, LockFile.Entry locked)
            throws AssessmentException {
        Download record = download(id.name(), id.version());
        byte[] module = fetch(record.module(), null, MAX_BYTES);
        byte[] manifest = fetch(record.manifest(), null, MAX_JSON_BYTES);
        return new RegistryInstaller.Candidate(module,
                new Digest(Digest.SHA256, record.sha256()), record.signature(), record.keyId(), manifest, record.module().toString(),
                record.manifest().toString(), null);
    }

    /** HTTPS, or HTTP to a literal loopback address or {@code localhost}; absolute, with a host. */
    static URI checked(URI uri, String what) throws AssessmentException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (!uri.isAbsolute() || host == null) {
            throw new AssessmentException(what + " '" + uri + "' is not an absolute http(s) URL with a host");
        }
        if (scheme.equals("https")) {
            return uri;
        }
        if (scheme.equals("http")) {
            if (isLoopback(host)) {
                return uri;
            }
            throw new AssessmentException(what + " '" + uri + "' uses plain HTTP to the non-loopback host " + host
                    + ": refused; registries must be reached over HTTPS (HTTP is allowed to loopback hosts only)");
        }
        throw new AssessmentException(what + " '" + uri + "': scheme '" + scheme + "' is not supported; use https");
    }

    static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!IPV4.matcher(literal).matches() && !literal.contains(":")) {
            return false; // a name other than localhost: no DNS lookup decides what is trusted
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The versions the registry lists, as written (not yet checked to be semantic versions). */
    @Override
    public List<String> versions(String name) throws AssessmentException {
        URI uri = base.resolve("v1/plugins/" + name + "/versions");
        JsonNode versions = json(uri).get("versions");
        if (versions == null || !versions.isArray()) {
            throw malformed(uri, "no \"versions\" array");
        }
        List<String> result = new ArrayList<>();
        for (JsonNode entry : versions) {
            JsonNode version = entry.get("version");
            if (version == null || !version.isTextual()) {
                throw malformed(uri, "an entry of \"versions\" has no \"version\" string: " + entry);
            }
            result.add(version.asText());
        }
        return result;
    }

    Download download(String name, String version) throws AssessmentException {
        URI uri = base.resolve("v1/plugins/" + name + "/" + version + "/download");
        JsonNode record = json(uri);
        String sha256 = text(record, "sha256", uri);
        if (!HEX64.matcher(sha256).matches()) {
            throw malformed(uri, "\"sha256\" is not 64 hex digits: '" + sha256 + "'");
        }
        return new Download(link(uri, text(record, "url", uri), "url"),
                link(uri, text(record, "manifestUrl", uri), "manifestUrl"), sha256.toLowerCase(Locale.ROOT),
                text(record, "signature", uri), text(record, "keyId", uri));
    }

    /**
     * The bytes at a URL, complete (a body shorter than its Content-Length is refused) and at most
     * {@code max} bytes long (counted while they arrive).
     *
     * @param accept the media types to ask for ({@code Accept}), or null
     */
    byte[] fetch(URI uri, String accept, long max) throws AssessmentException {
        HttpResponse<byte[]> response = send(uri, accept, false, max);
        byte[] body = response.body();
        OptionalLong length = response.headers().firstValueAsLong("Content-Length");
        if (length.isPresent() && length.getAsLong() != body.length) {
            throw new PluginVerificationException("download of " + uri + " is truncated: " + body.length
                    + " of " + length.getAsLong() + " bytes received");
        }
        return body;
    }

    private JsonNode json(URI uri) throws AssessmentException {
        byte[] body = fetch(uri, null, MAX_JSON_BYTES);
        return json(uri, body);
    }

    /** Parses a reply that must be a JSON object. */
    static JsonNode json(URI uri, byte[] body) throws AssessmentException {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw malformed(uri, "not JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
        if (node == null || !node.isObject()) {
            throw malformed(uri, "not a JSON object");
        }
        return node;
    }

    /** The headers of a {@code HEAD} request (status 200 required). */
    HttpHeaders head(URI uri, String accept) throws AssessmentException {
        return send(uri, accept, true, 0).headers();
    }

    /**
     * One request with an overall deadline: {@code HttpRequest.timeout} bounds the wait for the reply's
     * headers only, so a registry that sends them and then drips its body a byte at a time would hold
     * the caller (and the plugin manager's lock) for ever; the whole exchange is bounded here instead.
     */
    private HttpResponse<byte[]> send(URI uri, String accept, boolean head, long max) throws AssessmentException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(deadline);
        if (accept != null) {
            builder.header("Accept", accept);
        }
        HttpRequest request = (head ? builder.method("HEAD", HttpRequest.BodyPublishers.noBody()) : builder.GET())
                .build();
        HttpResponse<byte[]> response;
        CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(request,
                head ? HttpResponse.BodyHandlers.replacing(new byte[0]) : CappedBody.handler(max));
        try {
            response = exchange.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new RegistryUnavailableException("plugin registry " + base + " did not complete " + uri
                    + " within " + deadline.toSeconds() + "s (no reply, or one arriving too slowly)", e);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new AssessmentException("interrupted while reading " + uri, e);
        } catch (ExecutionException e) {
            throw failure(uri, e.getCause());
        }
        int status = response.statusCode();
        if (status == 404) {
            throw new NotFoundException("plugin registry " + base + " has no " + uri + " (HTTP 404)");
        }
        if (status >= 500 && status <= 599) {
            throw new RegistryUnavailableException("plugin registry " + base + " answered HTTP " + status
                    + " (server error) for " + uri);
        }
        if (status != 200) {
            throw new AssessmentException("plugin registry " + base + " answered HTTP " + status + " for " + uri);
        }
        return response;
    }

    private AssessmentException failure(URI uri, Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof CappedBody.TooLarge tooLarge) {
                return new PluginVerificationException("plugin registry " + base + " sent too much for " + uri + ": "
                        + tooLarge.getMessage() + "; refused");
            }
        }
        if (cause instanceof HttpTimeoutException) {
            return new RegistryUnavailableException("plugin registry " + base + " did not answer " + uri + " within "
                    + deadline.toSeconds() + "s", cause);
        }
        if (cause instanceof ConnectException) {
            return new RegistryUnavailableException("plugin registry " + base + " is unreachable: cannot connect for "
                    + uri + " (" + (cause.getMessage() == null ? "connection refused" : cause.getMessage()) + ")",
                    cause);
        }
        return new RegistryUnavailableException("download of " + uri + " from plugin registry " + base
                + " failed (truncated or interrupted): " + cause, cause);
    }

    private static String text(JsonNode record, String field, URI uri) throws AssessmentException {
        JsonNode value = record.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw malformed(uri, "no \"" + field + "\" string");
        }
        return value.asText();
    }

    private static URI link(URI record, String value, String field) throws AssessmentException {
        try {
            return checked(record.resolve(new URI(value)), "\"" + field + "\" of " + record);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw malformed(record, "\"" + field + "\" is not a URL: '" + value + "'");
        }
    }

    static AssessmentException malformed(URI uri, String why) {
        return new AssessmentException("plugin registry reply " + uri + " is malformed: " + why);
    }
}
