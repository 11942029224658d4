package org.assessmentruntime.jobrunner;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.assessmentruntime.api.WasmExecutor;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.ExecutionOutcome;
import org.assessmentruntime.api.model.ExecutionRequest;
import org.assessmentruntime.api.model.FailureKind;

/** An executor that records requests and answers with a canned outcome. */
/** An executor that answers every request with the outcome a function gives, and records the requests. */
public final class FakeExecutor implements WasmExecutor {

    /** Every request, in order. */
    // Read by tests while runs call execute on other threads.
    public final List<ExecutionRequest> requests = new CopyOnWriteArrayList<>();
    private final Function<ExecutionRequest, ExecutionOutcome> answer;

    /** @param answer the outcome of each request */
    public FakeExecutor(Function<ExecutionRequest, ExecutionOutcome> answer) {
        this.answer = answer;
    }

    /** Exits 0 with this stdout and stderr. */
    static FakeExecutor exitingZero(String stdout, String stderr) {
        return new FakeExecutor(r -> success(stdout.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                stderr.getBytes(java.nio.charset.StandardCharsets.UTF_8), false));
    }

    static ExecutionOutcome success(byte[] stdout, byte[] stderr, boolean stderrTruncated) {
        return new ExecutionOutcome(0, stdout, false, stderr, stderrTruncated, Duration.ofMillis(5), "fake", null,
                "");
    }

    static ExecutionOutcome failure(FailureKind kind, int exitCode, String message, String stderr) {
        return new ExecutionOutcome(exitCode, new byte[0], kind == FailureKind.OUTPUT_LIMIT,
                stderr.getBytes(java.nio.charset.StandardCharsets.UTF_8), false, Duration.ofMillis(5), "fake", kind,
                message);
    }

    ExecutionRequest only() {
        if (requests.size() != 1) {
            throw new AssertionError("expected exactly one request, got " + requests.size());
        }
        return requests.get(0);
    }

    @Override
    public ExecutionOutcome execute(ExecutionRequest request) {
        requests.add(request);
        return answer.apply(request);
    }

    @Override
    public void prepare(Digest digest, byte[] module, String engine) {
    }

    @Override
    public void evict(Digest digest) {
    }

    @Override
    public Set<String> engines() {
        return Set.of("fake");
    }

    @Override
    public String defaultEngine() {
        return "fake";
    }
}
