package org.assessmentruntime.resultscollector;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.assessmentruntime.api.model.AssessmentResult;

/**
 * The child process of {@link CrashSafetyTest}: stores results one after the other, on one thread or
 * several at once (they then share commits and syncs), and prints each id once {@code store} has returned,
 * until it is killed.
 */
public final class StoreWriter {

    private StoreWriter() {
    }

    /** args: the store's directory, then how many threads store at once (default 1). */
    public static void main(String[] args) throws Exception {
        ResultStore store = ResultStores.open(Path.of(args[0]));
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        // Never closed: the process ends by kill -9.
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread writer = new Thread(() -> write(store));
            writers.add(writer);
            writer.start();
        }
        for (Thread writer : writers) {
            writer.join();
        }
    }

    private static void write(ResultStore store) {
        try {
            for (int i = 0; i < 100_000; i++) {
                String fixture = Fixtures.ALL.get(i % Fixtures.ALL.size());
                AssessmentResult result = Fixtures.variant(fixture, UUID.randomUUID(), "crash", Instant.now());
                store.store(result);
                synchronized (System.out) {
                    System.out.println(result.resultId());
                }
                if (System.out.checkError()) {
                    // The test is gone; do not write on forever.
                    return;
                }
            }
        } catch (Exception e) {
            e.printStackTrace();
        }
    }
}
