package org.assessmentruntime.jobrunner.internal;

import java.util.Set;

import org.assessmentruntime.api.WasmExecutor;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.ExecutionOutcome;
import org.assessmentruntime.api.model.ExecutionRequest;

/**
 * The executor of a {@link org.assessmentruntime.jobrunner.PluginRunner} that only builds the results of
 * runs that never started ({@code notRun}), so that those need no executor to be there.
 */
final class NoExecutor implements WasmExecutor {

    @Override
    public ExecutionOutcome execute(ExecutionRequest request) {
        throw new IllegalStateException("no executor: this runner only reports runs that did not start");
    }

    @Override
    public void prepare(Digest digest, byte[] module, String engine) {
        throw new IllegalStateException("no executor: this runner only reports runs that did not start");
    }

    @Override
    public void evict(Digest digest) {
        // Nothing is cached.
    }

    @Override
    public Set<String> engines() {
        return Set.of();
    }

    @Override
    public String defaultEngine() {
        return "";
    }
}
