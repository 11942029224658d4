package org.assessmentruntime.pluginmanager.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.NotFoundException;
import org.assessmentruntime.api.PluginVerificationException;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.PluginId;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads plugins from an OCI registry over the distribution API (plugins/REGISTRY.md, "OCI registry"):
 * tags are versions; a tag is resolved to its manifest digest, and manifest and blobs are then pulled
 * by digest, each checked against its digest and size. Signature and plugin manifest are checked by
 * {@link RegistryInstaller}, as for a static registry.
 */
final class OciClient implements RegistryInstaller.Source {

    static final String SCHEME = "oci://";
    static final String IMAGE_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String WASM_LAYER = "application/wasm";
    static final String PLUGIN_MANIFEST_LAYER = "application/vnd.assessment-runtime.plugin.manifest.v1+json";
    static final String SIGNATURE_ANNOTATION = "org.assessmentruntime.signature";
    static final String KEY_ID_ANNOTATION = "org.assessmentruntime.key-id";

    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    private final String location;
    private final URI base;
    private final String prefix;
    private final RegistryClient http;

    /** @param location {@code oci://HOST[:PORT][/REPOSITORY-PREFIX]} */
    OciClient(String location) throws AssessmentException {
        this(location, RegistryClient.REQUEST_TIMEOUT);
    }

    /**
     * @param location {@code oci://HOST[:PORT][/REPOSITORY-PREFIX]}
     * @param deadline how long one request may take, reply body included
     */
    OciClient(String location, java.time.Duration deadline) throws AssessmentException {
        this.location = location;
        if (!location.startsWith(SCHEME)) {
            throw new AssessmentException("OCI registry '" + location + "' does not start with " + SCHEME);
        }
        String rest = location.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash + 1);
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        URI uri;
        try {
            uri = new URI("https://" + authority + "/");
        } catch (URISyntaxException e) {
            throw new AssessmentException("OCI registry '" + location + "' is not oci://HOST[:PORT][/REPOSITORY]: "
                    + e.getMessage(), e);
        }
        if (uri.getHost() == null) {
            throw new AssessmentException("OCI registry '" + location + "' names no host");
        }
        // Plain HTTP to loopback hosts only, as for a static registry.
        String scheme = RegistryClient.isLoopback(uri.getHost()) ? "http" : "https";
        this.base = URI.create(scheme + "://" + authority + "/");
        this.prefix = path;
        this.http = new RegistryClient(base.toString(), deadline);
    }

    @Override
    public String base() {
        return location;
    }

    /** The repository holding a plugin's versions: the prefix, then the plugin name. */
    String repository(String name) {
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    @Override
    public List<String> versions(String name) throws AssessmentException {
        URI uri = base.resolve("v2/" + repository(name) + "/tags/list");
        JsonNode tags = RegistryClient.json(uri, http.fetch(uri, "application/json", RegistryClient.MAX_JSON_BYTES))
                .get("tags");
        List<String> result = new ArrayList<>();
        if (tags == null || tags.isNull()) {
            return result; // a repository whose tags were all deleted
        }
        if (!tags.isArray()) {
            throw RegistryClient.malformed(uri, "\"tags\" is not an array");
        }
        for (JsonNode tag : tags) {
            if (!tag.isTextual()) {
                throw RegistryClient.malformed(uri, "a tag is not a string: " + tag);
            }
            result.add(tag.asText());
        }
        return result;
    }

    /** The manifest digest a tag points to, from {@code Docker-Content-Digest} of a HEAD request. */
    String resolve(String name, String tag) throws AssessmentException {
        if (!TAG.matcher(tag).matches()) {
            throw new NotFoundException("version '" + tag + "' of " + name + " cannot be an OCI tag");
        }
        URI uri = base.resolve("v2/" + repository(name) + "/manifests/" + tag);
        HttpHeaders headers = http.head(uri, IMAGE_MANIFEST);
        String digest = headers.firstValue("Docker-Content-Digest").orElseThrow(
                () -> RegistryClient.malformed(uri, "no Docker-Content-Digest header"));
        if (!DIGEST.matcher(digest).matches()) {
            throw RegistryClient.malformed(uri, "Docker-Content-Digest '" + digest + "' is no sha256 digest");
        }
        return digest;
    }

    @Override
    public RegistryInstaller.Candidate fetch(PluginId id, LockFile.Entry locked) throws AssessmentException {
        String repository = repository(id.name());
        String manifestDigest = locked != null && locked.ociManifest() != null ? locked.ociManifest()
                : resolve(id.name(), id.version());
        URI manifestUri = base.resolve("v2/" + repository + "/manifests/" + manifestDigest);
        byte[] manifestBytes = http.fetch(manifestUri, IMAGE_MANIFEST, RegistryClient.MAX_JSON_BYTES);
        check(id, manifestUri, manifestBytes, manifestDigest, -1);
        JsonNode manifest = RegistryClient.json(manifestUri, manifestBytes);
        String mediaType = manifest.path("mediaType").asText(IMAGE_MANIFEST);
        if (manifest.path("schemaVersion").asInt() != 2 || !mediaType.equals(IMAGE_MANIFEST)) {
            throw RegistryClient.malformed(manifestUri, "not an OCI image manifest (schemaVersion 2, mediaType "
                    + IMAGE_MANIFEST + ")");
        }
        JsonNode wasm = layer(manifest, manifestUri, WASM_LAYER);
        JsonNode pluginJson = layer(manifest, manifestUri, PLUGIN_MANIFEST_LAYER);
        JsonNode annotations = manifest.path("annotations");
        String signature = annotations.path(SIGNATURE_ANNOTATION).asText("");
        String keyId = annotations.path(KEY_ID_ANNOTATION).asText("");
        if (signature.isBlank() || keyId.isBlank()) {
            throw new PluginVerificationException(id + ": the OCI manifest " + manifestUri + " has no "
                    + SIGNATURE_ANNOTATION + " and " + KEY_ID_ANNOTATION + " annotations; refused (unsigned)");
        }
        byte[] module = blob(id, repository, wasm);
        byte[] descriptor = blob(id, repository, pluginJson);
        return new RegistryInstaller.Candidate(module, new Digest(Digest.SHA256, wasm.get("digest").asText()
                .substring("sha256:".length())), signature, keyId, descriptor,
                blobUri(repository, wasm).toString(), blobUri(repository, pluginJson).toString(), manifestDigest);
    }

    private static JsonNode layer(JsonNode manifest, URI uri, String mediaType) throws AssessmentException {
        JsonNode found = null;
        for (JsonNode layer : manifest.path("layers")) {
            if (mediaType.equals(layer.path("mediaType").asText())) {
                if (found != null) {
                    throw RegistryClient.malformed(uri, "more than one " + mediaType + " layer");
                }
                found = layer;
            }
        }
        if (found == null) {
            throw RegistryClient.malformed(uri, "no " + mediaType + " layer");
        }
        if (!DIGEST.matcher(found.path("digest").asText()).matches() || !found.path("size").canConvertToLong()) {
            throw RegistryClient.malformed(uri, "the " + mediaType + " layer has no sha256 digest and size");
        }
        return found;
    }

    private URI blobUri(String repository, JsonNode layer) {
        return base.resolve("v2/" + repository + "/blobs/" + layer.get("digest").asText());
    }

    private byte[] blob(PluginId id, String repository, JsonNode layer) throws AssessmentException {
        URI uri = blobUri(repository, layer);
        long size = layer.get("size").asLong();
        long max = layer.path("mediaType").asText().equals(WASM_LAYER) ? RegistryClient.MAX_BYTES
                : RegistryClient.MAX_JSON_BYTES;
        if (size < 0 || size > max) {
            throw new PluginVerificationException(id + ": the OCI manifest says " + uri + " is " + size
                    + " bytes; at most " + max + " are allowed: refused");
        }
        // No more than the descriptor's size is read: a blob that goes on is cut off there.
        byte[] bytes = http.fetch(uri, null, size);
        check(id, uri, bytes, layer.get("digest").asText(), layer.get("size").asLong());
        return bytes;
    }

    /** The bytes have the digest (and size, when not negative) they were pulled by. */
    private static void check(PluginId id, URI uri, byte[] bytes, String digest, long size)
            throws PluginVerificationException {
        String actual = "sha256:" + Digest.sha256(bytes).hex().toLowerCase(Locale.ROOT);
        if (!actual.equals(digest)) {
            throw new PluginVerificationException(id + ": " + uri + " has the digest " + actual + ", not the "
                    + digest + " it was pulled by; refused (tampered or corrupted)");
        }
        if (size >= 0 && bytes.length != size) {
            throw new PluginVerificationException(id + ": " + uri + " is " + bytes.length + " bytes, not the "
                    + size + " its descriptor says; refused");
        }
    }
}
