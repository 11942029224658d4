package org.assessmentruntime.benchmarks;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.resultscollector.internal.MvResultStore;

/**
 * Benchmark 6: durable results stored per second (issue 17, item 1). Results go into the collector's
 * store ({@link MvResultStore}: MVStore, each result durable, i.e. committed and synced, before the caller
 * learns it is stored), from 1 and 4 producers calling {@code store} (each waits for its own result), and
 * from 4 producers that keep up to {@value #WINDOW} results each in flight ({@code storeAsync}: a producer
 * learns of each result's durability later, as a job runner that counts a run done only once its result is
 * durable, without waiting for it before the next run). Results stored at about the same time share one
 * commit and one sync (group commit); every round checks the store holds every result afterwards.
 */
final class StoreScenario {

    /** Results a producer keeps in flight in the asynchronous variant. */
    static final int WINDOW = 256;

    private final Path work;
    private final int results;
    private final int rounds;

    StoreScenario(Path work, boolean quick) {
        this.work = work;
        this.results = quick ? 4_000 : 20_000;
        this.rounds = quick ? 1 : 3;
    }

    List<ScenarioFigure> run() throws Exception {
        List<AssessmentResult> fixtures = DeliveryScenario.fixtures();
        round("warm-up", fixtures, 4, false);
        List<ScenarioFigure> figures = new ArrayList<>();
        figures.add(rounds("store.sync.p1", fixtures, 1, false));
        figures.add(rounds("store.sync.p4", fixtures, 4, false));
        figures.add(rounds("store.async.p4", fixtures, 4, true));
        return figures;
    }

    private ScenarioFigure rounds(String key, List<AssessmentResult> fixtures, int producers, boolean async)
            throws Exception {
        double[] rates = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            rates[i] = round(key + "-" + i, fixtures, producers, async);
        }
        return new ScenarioFigure(key, "results/s", rates, count(producers, async));
    }

    /** Stores {@code results} results from the producers into a fresh store; returns durable results/s. */
    private double round(String name, List<AssessmentResult> fixtures, int producers, boolean async)
            throws Exception {
        int count = count(producers, async);
        List<AssessmentResult> batch = new ArrayList<>(count);
        Instant end = Instant.now().minusSeconds(60);
        for (int i = 0; i < count; i++) {
            batch.add(DeliveryScenario.variant(fixtures.get(i % fixtures.size()), "job-" + (i % 7), end));
        }
        Path directory = work.resolve(name);
        try (MvResultStore store = MvResultStore.open(directory, Clock.systemUTC())) {
            ExecutorService pool = Executors.newFixedThreadPool(producers);
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int first = p;
                done.add(pool.submit(() -> {
                    produce(store, batch, first, producers, async);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            long took = System.nanoTime() - start;
            pool.shutdown();
            for (AssessmentResult r : batch) {
                if (store.find(r.resultId()).isEmpty()) {
                    throw new IllegalStateException("result " + r.resultId() + " missing after " + name);
                }
            }
            double rate = count / (took / 1e9);
            DeliveryScenario.log("%s: %d results from %d producer(s)%s in %d ms: %.0f durable results/s", name,
                    count, producers, async ? " (" + WINDOW + " in flight each)" : "", took / 1_000_000, rate);
            return rate;
        }
    }

    /** One producer waiting for each sync is slow: it stores a tenth as many. */
    private int count(int producers, boolean async) {
        return producers == 1 && !async ? results / 10 : results;
    }

    /** One producer: every {@code step}-th result from {@code first}; all durable when it returns. */
    private static void produce(MvResultStore store, List<AssessmentResult> batch, int first, int step,
            boolean async) throws Exception {
        if (!async) {
            for (int i = first; i < batch.size(); i += step) {
                store.store(batch.get(i));
            }
            return;
        }
        Semaphore window = new Semaphore(WINDOW);
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (int i = first; i < batch.size(); i += step) {
            window.acquire();
            pending.add(store.storeAsync(batch.get(i), null).whenComplete((r, e) -> window.release()));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
    }
}
