package org.assessmentruntime.pluginstore;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.api.model.PluginDescriptor;
import org.assessmentruntime.api.model.PluginId;

/** Test plugins: a module whose bytes depend on its id (or a given seed), and its metadata. */
final class Plugins {

    private Plugins() {
    }

    static byte[] module(String seed, int size) {
        byte[] header = { 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00 };
        byte[] module = Arrays.copyOf(header, Math.max(size, header.length + seed.length()));
        byte[] text = seed.getBytes(StandardCharsets.UTF_8);
        for (int i = header.length; i < module.length; i++) {
            module[i] = (byte) (text[i % text.length] ^ i);
        }
        return module;
    }

    static byte[] module(PluginId id) {
        return module(id.toString(), 512);
    }

    static InstalledPlugin plugin(PluginId id, byte[] module) {
        PluginDescriptor descriptor = new PluginDescriptor(id.name(), id.version(), "test plugin " + id, 1, null,
                null, null, null);
        return new InstalledPlugin(descriptor, Digest.sha256(module), InstalledPlugin.Source.LOCAL,
                InstalledPlugin.SignatureStatus.UNSIGNED, null, Instant.parse("2026-11-25T10:00:00.123456Z"));
    }

    static InstalledPlugin plugin(String id) {
        PluginId pluginId = PluginId.parse(id);
        return plugin(pluginId, module(pluginId));
    }
}
