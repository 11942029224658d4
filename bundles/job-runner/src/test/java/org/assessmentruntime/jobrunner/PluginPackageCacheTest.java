package org.assessmentruntime.jobrunner;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.PluginVerificationException;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.PluginDescriptor;
import org.assessmentruntime.pluginstore.InvalidPluginException;
import org.assessmentruntime.pluginstore.PluginPackage;
import org.junit.jupiter.api.Test;

/** Plugins made once per module and manifest, then taken from the cache; bounded. */
class PluginPackageCacheTest {

    /** A manifest whose schema rejects an empty {@code paths}, so that validating tells schemas apart. */
    private static final String MANIFEST_JSON = """
            {"name": "acme/probe", "version": "1.0.0", "abiVersion": 1,
             "configSchema": {"type": "object", "required": ["paths"],
               "properties": {"paths": {"type": "array", "items": {"type": "string"}, "minItems": 1}}}}
            """;
    private static final PluginDescriptor MANIFEST = descriptor(MANIFEST_JSON);

    private final AtomicInteger reads = new AtomicInteger();

    @Test
    void makesAPluginOnceAndThenReadsNothing() throws Exception {
        PluginPackageCache cache = new PluginPackageCache();
        byte[] module = module(1);
        Digest digest = Digest.sha256(module);

        PluginPackage first = cache.get(MANIFEST, digest, counting(module));
        PluginPackage second = cache.get(MANIFEST, digest, counting(module));

        assertThat(second).isSameAs(first);
        assertThat(reads).hasValue(1);
        assertThat(first.digest()).isEqualTo(digest);
        assertThat(first.module()).isEqualTo(module);
        // The compiled schema is the cached plugin's: it validates as a fresh one does.
        assertThat(second.validateConfiguration(Map.of("paths", List.of())))
                .isEqualTo(PluginPackage.of(MANIFEST, module).validateConfiguration(Map.of("paths",
                        List.of())))
                .isNotEmpty();
    }

    @Test
    void otherBytesAreAnotherEntry() throws Exception {
        PluginPackageCache cache = new PluginPackageCache();
        byte[] one = module(1);
        byte[] two = module(2);

        PluginPackage first = cache.get(MANIFEST, Digest.sha256(one), counting(one));
        PluginPackage second = cache.get(MANIFEST, Digest.sha256(two), counting(two));

        assertThat(second.digest()).isNotEqualTo(first.digest()).isEqualTo(Digest.sha256(two));
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get(MANIFEST, Digest.sha256(one), counting(one))).isSameAs(first);
        assertThat(reads).hasValue(2);
    }

    @Test
    void anotherManifestOverTheSameModuleIsMadeAgain() throws Exception {
        PluginPackageCache cache = new PluginPackageCache();
        byte[] module = module(1);
        Digest digest = Digest.sha256(module);
        PluginDescriptor v2 = descriptor(MANIFEST_JSON.replace("1.0.0", "1.0.1"));

        PluginPackage first = cache.get(MANIFEST, digest, counting(module));
        PluginPackage second = cache.get(v2, digest, counting(module));

        assertThat(second.descriptor()).isEqualTo(v2);
        assertThat(first.descriptor()).isEqualTo(MANIFEST);
        assertThat(reads).hasValue(2);
    }

    @Test
    void keepsAtMostItsCapacityDroppingTheLeastRecentlyUsed() throws Exception {
        PluginPackageCache cache = new PluginPackageCache(2);
        byte[][] modules = { module(1), module(2), module(3) };

        cache.get(MANIFEST, Digest.sha256(modules[0]), counting(modules[0]));
        cache.get(MANIFEST, Digest.sha256(modules[1]), counting(modules[1]));
        cache.get(MANIFEST, Digest.sha256(modules[0]), counting(modules[0])); // 1 is now the most recent
        cache.get(MANIFEST, Digest.sha256(modules[2]), counting(modules[2])); // drops 2

        assertThat(cache.size()).isEqualTo(2);
        assertThat(reads).hasValue(3);
        cache.get(MANIFEST, Digest.sha256(modules[0]), counting(modules[0]));
        assertThat(reads).hasValue(3);
        cache.get(MANIFEST, Digest.sha256(modules[1]), counting(modules[1]));
        assertThat(reads).hasValue(4);
        assertThat(cache.size()).isEqualTo(2);
        assertThatThrownBy(() -> new PluginPackageCache(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bytesThatDoNotMatchTheDigestAreRefusedAndNotCached() throws Exception {
        PluginPackageCache cache = new PluginPackageCache();
        byte[] module = module(1);
        Digest other = Digest.sha256(module(2));

        assertThatThrownBy(() -> cache.get(MANIFEST, other, counting(module)))
                .isInstanceOf(PluginVerificationException.class).hasMessageContaining(other.toString());
        assertThat(cache.size()).isZero();
    }

    @Test
    void aFailedReadOrAnInvalidModuleIsNotCached() throws Exception {
        PluginPackageCache cache = new PluginPackageCache();
        byte[] notWasm = "#!/bin/sh\n".getBytes(UTF_8);
        byte[] module = module(1);

        assertThatThrownBy(() -> cache.get(MANIFEST, Digest.sha256(notWasm), counting(notWasm)))
                .isInstanceOf(InvalidPluginException.class);
        assertThatThrownBy(() -> cache.get(MANIFEST, Digest.sha256(module), () -> {
            throw new AssessmentException("disk on fire");
        })).hasMessage("disk on fire");
        assertThat(cache.size()).isZero();
        assertThat(cache.get(MANIFEST, Digest.sha256(module), counting(module)).module()).isEqualTo(module);
    }

    private PluginPackageCache.ModuleSource counting(byte[] module) {
        return () -> {
            reads.incrementAndGet();
            return module.clone();
        };
    }

    /** A module with a custom section, so that each number gives other bytes. */
    private static byte[] module(int number) {
        byte[] module = Arrays.copyOf(PluginRunnerTest.MODULE, PluginRunnerTest.MODULE.length + 4);
        byte[] section = { 0, 2, 1, (byte) number }; // custom section of 2 bytes: a 1-byte name
        System.arraycopy(section, 0, module, PluginRunnerTest.MODULE.length, section.length);
        return module;
    }

    private static PluginDescriptor descriptor(String json) {
        try {
            return PluginPackage.readDescriptor(json.getBytes(UTF_8), "test manifest");
        } catch (InvalidPluginException e) {
            throw new AssertionError(e);
        }
    }
}
