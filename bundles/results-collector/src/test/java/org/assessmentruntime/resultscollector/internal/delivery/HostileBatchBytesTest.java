package org.assessmentruntime.resultscollector.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.DeliveryState;
import org.assessmentruntime.resultscollector.Fixtures;
import org.assessmentruntime.resultscollector.internal.CollectorAccessForTests;
import org.assessmentruntime.resultscollector.internal.DeliveryMonitor;
import org.assessmentruntime.resultscollector.internal.DeliveryReport;
import org.assessmentruntime.resultscollector.internal.ResultsCollectorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin whose results are large: a batch request is bounded by its bytes, not only by its count, so
 * that a thousand such results never make one request (nor one batch in memory); a result larger than
 * the bound goes alone.
 */
class HostileBatchBytesTest {

    private static final int MAX_BYTES = 10 * 1024;

    @TempDir
    Path directory;

    private ResultsCollectorService collector;
    private final Map<UUID, Integer> sizes = new HashMap<>();

    @BeforeEach
    void open() {
        collector = CollectorAccessForTests.collector(directory);
        // The bodies kept with the results, of the sizes the test gives them.
        CollectorAccessForTests.bindDelivery(collector, new DeliveryMonitor() {
            @Override
            public byte[] render(AssessmentResult result) {
                byte[] body = new byte[sizes.get(result.resultId())];
                Arrays.fill(body, (byte) 'x');
                body[0] = '"';
                body[body.length - 1] = '"';
                return body;
            }

            @Override
            public void wake() {
            }

            @Override
            public DeliveryReport report() {
                return new DeliveryReport("test", 0, null, null, "");
            }
        });
    }

    @AfterEach
    void close() {
        CollectorAccessForTests.deactivate(collector);
    }

    @Test
    void batchesStayWithinTheirBytesAndAnOversizedResultGoesAlone() throws AssessmentException {
        List<UUID> ids = new ArrayList<>();
        for (int size : new int[] {3000, 3000, 3000, 3000, 50_000, 3000, 3000}) {
            ids.add(store(size));
        }
        List<Request> requests = new ArrayList<>();
        ControlPlaneClient client = (path, body, key) -> {
            requests.add(new Request(path, body.length));
            return CompletableFuture.completedFuture(new Reply(201, "{}".getBytes(StandardCharsets.UTF_8), null));
        };
        DeliverySettings settings = new DeliverySettings(1000, Duration.ofSeconds(1), Duration.ofMillis(20),
                Duration.ofSeconds(1), true, 4, MAX_BYTES);

        new Deliverer(collector, settings, Clock.systemUTC(), new SplittableRandom(1), "test").round(client);

        assertThat(ids).allMatch(id -> collector.find(id).orElseThrow().state() == DeliveryState.DELIVERED);
        assertThat(requests.stream().filter(r -> r.path().equals(Deliverer.BATCH_PATH)))
                .isNotEmpty().allSatisfy(r -> assertThat(r.bytes()).isLessThanOrEqualTo(MAX_BYTES));
        assertThat(requests).contains(new Request(Deliverer.SINGLE_PATH, 50_000));
        // Three in a batch; the fourth alone, as the large one did not fit beside it; the large one; the last two.
        assertThat(requests).hasSize(4);
    }

    private UUID store(int bodySize) throws AssessmentException {
        AssessmentResult result = Fixtures.variant(Fixtures.OS_BASELINE_PASS, UUID.randomUUID(), "job",
                Instant.now().minusSeconds(60));
        sizes.put(result.resultId(), bodySize);
        return collector.store(result).result().resultId();
    }

    private record Request(String path, int bytes) {
    }
}
