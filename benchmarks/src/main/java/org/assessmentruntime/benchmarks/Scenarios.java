package org.assessmentruntime.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Whole-process scenarios (benchmarks 4 to 7), each run by BenchMain in a JVM of its own so that one
 * does not heat or load the other: {@code store}, {@code delivery}, {@code scheduler}, {@code e2e} or
 * {@code scheduler-nofile} (a
 * diagnostic, not run by default: see {@link SchedulerScenario}), optionally {@code --quick}.
 * Prints each figure as a line {@value ScenarioFigure#PREFIX}JSON on stdout; progress on stderr.
 */
public final class Scenarios {

    private Scenarios() {
    }

    /**
     * Entry point.
     *
     * @param args the scenario, then optionally {@code --quick}
     * @throws Exception if the scenario fails a check
     */
    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        Path work = Files.createTempDirectory("bench-" + args[0] + "-");
        List<ScenarioFigure> figures = switch (args[0]) {
            case "delivery" -> new DeliveryScenario(work, quick).run();
            case "scheduler" -> new SchedulerScenario(work, quick, false).run();
            case "scheduler-nofile" -> new SchedulerScenario(work, quick, true).run();
            case "kafka" -> new KafkaScenario(work, quick).run();
            case "store" -> new StoreScenario(work, quick).run();
            case "e2e" -> new E2eScenario(work, quick).run();
            default -> throw new IllegalArgumentException("no scenario " + args[0]
                    + "; delivery, scheduler, scheduler-nofile, kafka, store or e2e");
        };
        ObjectMapper json = new ObjectMapper();
        for (ScenarioFigure figure : figures) {
            System.out.println(ScenarioFigure.PREFIX + json.writeValueAsString(figure));
        }
        System.out.flush();
        deleteQuietly(work);
        // Non-daemon threads of the components (Camel's, the HTTP server's) must not keep the JVM.
        System.exit(0);
    }

    private static void deleteQuietly(Path work) {
        try (var paths = Files.walk(work)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // a temporary directory
        }
    }
}
