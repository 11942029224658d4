package org.assessmentruntime.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeIdentityServiceTest {

    @Test
    void publishesTheIdTheJobRunnerStampsOnResults(@TempDir Path data) throws Exception {
        String runnersId = RuntimeIds.load(data);

        assertThat(new RuntimeIdentityService(data).runtimeId()).isEqualTo(UUID.fromString(runnersId));
    }

    @Test
    void createsTheIdOnFirstUseAndKeepsItAcrossRestarts(@TempDir Path data) throws Exception {
        UUID first = new RuntimeIdentityService(data.resolve("fresh")).runtimeId();
        UUID second = new RuntimeIdentityService(data.resolve("fresh")).runtimeId();

        assertThat(second).isEqualTo(first);
        assertThat(Files.readString(data.resolve("fresh").resolve(RuntimeIds.FILE)).strip())
                .isEqualTo(first.toString());
    }

    @Test
    void aCorruptIdFailsActivationNamingTheFile(@TempDir Path data) throws Exception {
        Files.writeString(data.resolve(RuntimeIds.FILE), "garbage");

        assertThatThrownBy(() -> new RuntimeIdentityService(data)).hasMessageContaining("runtime-id")
                .hasMessageContaining("garbage");
    }

    /** The job runner and this service activate concurrently on a first start: they must agree. */
    @Test
    void concurrentFirstStartsAgreeOnOneId(@TempDir Path data) throws Exception {
        int threads = 8;
        for (int round = 0; round < 20; round++) {
            Path dir = data.resolve("round-" + round);
            CyclicBarrier start = new CyclicBarrier(threads);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<String>> ids = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    Callable<String> load = () -> {
                        start.await(10, TimeUnit.SECONDS);
                        return RuntimeIds.load(dir);
                    };
                    ids.add(pool.submit(load));
                }
                Set<String> distinct = new HashSet<>();
                for (Future<String> id : ids) {
                    distinct.add(id.get(10, TimeUnit.SECONDS));
                }
                assertThat(distinct).as("round %d", round).hasSize(1);
                assertThat(Files.readString(dir.resolve(RuntimeIds.FILE)).strip()).isEqualTo(distinct.iterator().next());
                try (var leftovers = Files.list(dir)) {
                    assertThat(leftovers).as("temporary files left behind").hasSize(1);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
