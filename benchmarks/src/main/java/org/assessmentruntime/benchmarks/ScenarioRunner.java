package org.assessmentruntime.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs a {@link Scenarios} scenario in a JVM of its own (same class path, 1 GiB heap) and reads its
 * figures back. Its progress goes to this process's stderr as it happens.
 */
final class ScenarioRunner {

    private ScenarioRunner() {
    }

    static void run(String scenario, boolean quick, Map<String, ScenarioFigure> into) throws IOException,
            InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=off",
                // The reference control plane runs on the JDK's HTTP server, which without this leaves
                // every reply to Nagle's algorithm: about 40 ms per request against the client's delayed
                // ACK, which would make one-request-per-result delivery measure that, not the runtime.
                "-Dsun.net.httpserver.nodelay=true",
                "-cp", System.getProperty("java.class.path"), Scenarios.class.getName(), scenario));
        if (quick) {
            command.add("--quick");
        }
        System.out.println("# scenario " + scenario + (quick ? " (quick)" : ""));
        Process process = new ProcessBuilder(command).redirectError(Redirect.INHERIT).start();
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(ScenarioFigure.PREFIX)) {
                    ScenarioFigure figure = json.readValue(line.substring(ScenarioFigure.PREFIX.length()),
                            ScenarioFigure.class);
                    into.put(figure.key(), figure);
                } else {
                    System.out.println(line);
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IllegalStateException("scenario " + scenario + " failed (exit " + exit + "); see above");
        }
    }
}
