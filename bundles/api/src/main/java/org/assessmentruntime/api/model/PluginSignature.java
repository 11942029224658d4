package org.assessmentruntime.api.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A plugin's detached signature file: {@code plugin.sig} beside {@code plugin.json} and
 * {@code plugin.wasm} in a plugin directory, or {@code <base>.sig} beside {@code <base>.wasm} and
 * {@code <base>.plugin.json} in the deploy folder. {@code assessment-cli plugin sign} writes it; the
 * fields other than {@link #keyId} and {@link #signature} restate the signed {@link PluginStatement}
 * for people and tools, and a verifier rebuilds the statement from the files, never from them.
 *
 * <p>A file without {@link #format} is one of the retired v1 format ({@code sha256}, {@code signature},
 * {@code manifestSha256}, {@code manifestSignature}: signatures over digests alone); unknown properties
 * are ignored so that it still reads, and {@link #retired()} then says so.
 *
 * @param format         {@value PluginStatement#FORMAT}; absent in a v1 file
 * @param name           the plugin's name
 * @param version        its version
 * @param moduleDigest   its module's SHA-256
 * @param manifestDigest its manifest's SHA-256
 * @param keyId          the signing key's id among the runtime's trusted keys
 * @param signature      base64 Ed25519 signature over {@link PluginStatement#text()}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PluginSignature(String format, String name, String version, Digest moduleDigest,
        Digest manifestDigest, String keyId, String signature) {

    /**
     * The signature file of a signed statement.
     *
     * @param statement what was signed
     * @param keyId     the key's id
     * @param signature the base64 signature over the statement
     * @return the file's contents
     */
    public static PluginSignature of(PluginStatement statement, String keyId, String signature) {
        return new PluginSignature(PluginStatement.FORMAT, statement.name(), statement.version(),
                statement.moduleDigest(), statement.manifestDigest(), keyId, signature);
    }

    /** @return whether this is a file of the retired v1 format (or of no known format) */
    public boolean retired() {
        return !PluginStatement.FORMAT.equals(format);
    }
}
