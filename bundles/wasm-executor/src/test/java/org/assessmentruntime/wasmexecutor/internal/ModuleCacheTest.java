package org.assessmentruntime.wasmexecutor.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.model.Digest;
import org.junit.jupiter.api.Test;

/** The module's bytes are asked for only to compile it: once per digest, never for a compiled module. */
class ModuleCacheTest {

    private final FakeEngine engine = new FakeEngine("fake");
    private final ModuleCache cache = new ModuleCache();
    private final AtomicInteger reads = new AtomicInteger();

    @Test
    void readsAndCompilesAModuleOnceHoweverOftenItRuns() throws Exception {
        byte[] module = "one".getBytes(UTF_8);
        Digest digest = Digest.sha256(module);

        for (int i = 0; i < 5; i++) {
            cache.acquire(engine, digest, counting(module)).close();
        }

        assertThat(reads).hasValue(1);
        assertThat(engine.prepares).hasValue(1);
        assertThat(cache.contains("fake", digest)).isTrue();
    }

    @Test
    void otherBytesAreAnotherEntry() throws Exception {
        byte[] one = "one".getBytes(UTF_8);
        byte[] two = "two".getBytes(UTF_8);

        try (Lease first = cache.acquire(engine, Digest.sha256(one), counting(one));
                Lease second = cache.acquire(engine, Digest.sha256(two), counting(two))) {
            assertThat(second.module()).isNotSameAs(first.module());
            assertThat(second.module().digest()).isEqualTo(Digest.sha256(two));
        }
        assertThat(cache.size()).isEqualTo(2);
        assertThat(reads).hasValue(2);
    }

    @Test
    void aSourceThatFailsCompilesNothingAndIsAskedAgainNextTime() throws Exception {
        byte[] module = "one".getBytes(UTF_8);
        Digest digest = Digest.sha256(module);

        assertThatThrownBy(() -> cache.acquire(engine, digest, () -> {
            throw new AssessmentException("module bytes do not match their digest " + digest);
        })).isInstanceOf(AssessmentException.class).hasMessageContaining("do not match");

        assertThat(engine.prepares).hasValue(0);
        assertThat(cache.size()).isZero();
        cache.acquire(engine, digest, counting(module)).close();
        assertThat(reads).hasValue(1);
    }

    @Test
    void keepsAtMostItsLimitAndReadsADroppedModuleAgain() throws Exception {
        cache.limit(2);
        byte[][] modules = { "one".getBytes(UTF_8), "two".getBytes(UTF_8), "three".getBytes(UTF_8) };
        for (byte[] module : modules) {
            cache.acquire(engine, Digest.sha256(module), counting(module)).close();
        }

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.contains("fake", Digest.sha256(modules[0]))).isFalse();
        cache.acquire(engine, Digest.sha256(modules[0]), counting(modules[0])).close();
        assertThat(reads).hasValue(4);
        assertThat(cache.size()).isEqualTo(2);
    }

    private ModuleCache.Source counting(byte[] module) {
        return () -> {
            reads.incrementAndGet();
            return module;
        };
    }
}
