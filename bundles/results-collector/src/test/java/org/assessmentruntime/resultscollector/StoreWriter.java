package org.assessmentruntime.resultscollector;

import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

import org.assessmentruntime.api.model.AssessmentResult;

/**
 * The child process of {@link CrashSafetyTest}: stores results one after the other and prints each id
 * once {@code store} has returned, until it is killed.
 */
public final class StoreWriter {

    private StoreWriter() {
    }

    public static void main(String[] args) throws Exception {
        ResultStore store = ResultStores.open(Path.of(args[0]));
        // Never closed: the process ends by kill -9.
        for (int i = 0; i < 100_000; i++) {
            String fixture = Fixtures.ALL.get(i % Fixtures.ALL.size());
            AssessmentResult result = Fixtures.variant(fixture, UUID.randomUUID(), "crash", Instant.now());
            store.store(result);
            System.out.println(result.resultId());
            if (System.out.checkError()) {
                // The test is gone; do not write on forever.
                return;
            }
        }
    }
}
