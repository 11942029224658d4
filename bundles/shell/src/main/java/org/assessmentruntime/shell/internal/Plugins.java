package org.assessmentruntime.shell.internal;

import java.util.List;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.PluginManager;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.api.model.PluginId;
import org.assessmentruntime.api.model.PluginRef;

/** Argument parsing and formatting shared by the {@code assessment:plugin-*} commands. */
final class Plugins {

    /** Hex digits of a digest shown in tables: enough to tell versions apart, short enough to fit. */
    private static final int SHORT_DIGEST = 12;

    private Plugins() {
    }

    /**
     * Parses {@code namespace/name[@constraint]} as typed.
     *
     * @throws CommandException if the name is invalid or the constraint after '@' is empty
     */
    static PluginRef ref(String text) {
        String trimmed = text == null ? "" : text.strip();
        // PluginRef would silently read "acme/x@" as "any version"; a dangling '@' is more likely a typo.
        if (trimmed.endsWith("@")) {
            throw new CommandException("plugin reference '" + trimmed + "' has no version constraint after '@'");
        }
        try {
            return PluginRef.parse(trimmed);
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage(), e);
        }
    }

    /**
     * Parses a bare {@code namespace/name}.
     *
     * @throws CommandException if it is not a valid name, or carries a version
     */
    static String name(String text) {
        if (text != null && text.contains("@")) {
            throw new CommandException("'" + text + "' must be a plugin name without '@version'");
        }
        try {
            return new PluginRef(text, null).name();
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage(), e);
        }
    }

    /**
     * The installed versions {@code NAME} (all of them) or {@code NAME@VERSION} (that one) denotes.
     *
     * @throws CommandException if the text is malformed or nothing installed matches
     */
    static List<InstalledPlugin> select(PluginManager manager, String text) {
        List<InstalledPlugin> matches;
        if (text.contains("@")) {
            PluginId id;
            try {
                id = PluginId.parse(text.strip());
            } catch (IllegalArgumentException e) {
                throw new CommandException(e.getMessage(), e);
            }
            matches = manager.installed().stream().filter(p -> p.id().equals(id)).toList();
        } else {
            String name = name(text.strip());
            matches = manager.installed().stream().filter(p -> p.id().name().equals(name)).toList();
        }
        if (matches.isEmpty()) {
            throw new CommandException("no installed plugin matches '" + text + "' (see assessment:plugin-list)");
        }
        return matches;
    }

    /** {@code sha256:0123456789ab}. */
    static String shortDigest(Digest digest) {
        return digest.algorithm() + ":" + digest.hex().substring(0, SHORT_DIGEST);
    }

    /** {@code verified (key K)} or {@code unsigned}. */
    static String signature(InstalledPlugin plugin) {
        return signature(plugin.signature(), plugin.signerKeyId());
    }

    static String signature(InstalledPlugin.SignatureStatus status, String keyId) {
        return status == InstalledPlugin.SignatureStatus.VERIFIED ? "verified (key " + keyId + ")" : "unsigned";
    }

    /**
     * An expected failure (no registry configured, registry down, verification failed, ...) as the
     * command's own failure: thrown, so that the shell prints it ("Error executing command: ...") and a
     * command run over SSH exits non-zero. Printing it and returning, as before, looked like success to
     * every script. The message says what was being done; the cause keeps the original.
     *
     * @param what what the command was doing, e.g. {@code installing acme/ssh-config@^1.2}
     */
    static CommandException failed(String what, AssessmentException e) {
        return new CommandException(what + " failed: " + e.getMessage(), e);
    }
}
