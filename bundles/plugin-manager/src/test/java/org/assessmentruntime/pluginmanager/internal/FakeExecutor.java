package org.assessmentruntime.pluginmanager.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.NotFoundException;
import org.assessmentruntime.api.WasmExecutor;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.ExecutionOutcome;
import org.assessmentruntime.api.model.ExecutionRequest;

/** Records what it is asked to compile and evict; refuses the digests it is told to. */
class FakeExecutor implements WasmExecutor {

    final List<Digest> prepared = new ArrayList<>();
    final List<String> engines = new ArrayList<>();
    final List<Digest> evicted = new ArrayList<>();
    final Set<Digest> refused = new HashSet<>();

    @Override
    public synchronized void prepare(Digest digest, byte[] module, String engine) throws AssessmentException {
        if (!digest.matches(module)) {
            throw new AssessmentException("bytes do not match " + digest);
        }
        if ("missing".equals(engine)) {
            throw new NotFoundException("engine 'missing' is not available");
        }
        if (refused.contains(digest)) {
            throw new AssessmentException("invalid module: unknown opcode 0xff");
        }
        prepared.add(digest);
        engines.add(engine);
    }

    @Override
    public synchronized void evict(Digest digest) {
        evicted.add(digest);
    }

    @Override
    public ExecutionOutcome execute(ExecutionRequest request) {
        throw new UnsupportedOperationException("not used by the plugin manager");
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
