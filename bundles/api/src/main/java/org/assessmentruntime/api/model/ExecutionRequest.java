package org.assessmentruntime.api.model;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One run of a WebAssembly module under WASI, as the job runner hands it to the executor. Not JSON:
 * it lives only in memory.
 *
 * <p>The byte arrays are copied on the way in and out, so a request cannot change after it was
 * checked. {@link #toString()} shows neither the bytes nor the environment's values, which may hold
 * secrets.
 *
 * @param moduleDigest SHA-256 of {@code module}; the executor caches compiled modules under it
 * @param module       the module's bytes; hashed and compiled only when the digest is not already
 *                     prepared, and then refused if they do not match the digest
 * @param stdin        the plugin's stdin, normally a serialised {@link JobContext}
 * @param args         argv as the module sees it; by convention the first is the program's name
 * @param env          environment variables the module sees, and nothing else
 * @param directories  host directories opened read-only for the module
 * @param limits       hard limits of the run
 * @param engine       engine to use; empty for the executor's default
 */
public record ExecutionRequest(Digest moduleDigest, byte[] module, byte[] stdin, List<String> args,
        Map<String, String> env, List<DirectoryGrant> directories, ResourceLimits limits, String engine) {

    /** Validates and copies. */
    public ExecutionRequest {
        Check.required(moduleDigest, "ExecutionRequest.moduleDigest");
        module = Check.required(module, "ExecutionRequest.module").clone();
        stdin = stdin == null ? new byte[0] : stdin.clone();
        args = Check.list(args, "ExecutionRequest.args");
        env = Check.strings(env, "ExecutionRequest.env");
        directories = Check.list(directories, "ExecutionRequest.directories");
        limits = limits == null ? ResourceLimits.DEFAULTS : limits;
        engine = PluginDescriptor.engine(engine, "ExecutionRequest.engine");
    }

    /** A copy of the module's bytes. */
    @Override
    public byte[] module() {
        return module.clone();
    }

    /** A copy of the stdin bytes. */
    @Override
    public byte[] stdin() {
        return stdin.clone();
    }

    /** Compares the arrays by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ExecutionRequest r && moduleDigest.equals(r.moduleDigest)
                && Arrays.equals(module, r.module) && Arrays.equals(stdin, r.stdin) && args.equals(r.args)
                && env.equals(r.env) && directories.equals(r.directories) && limits.equals(r.limits)
                && engine.equals(r.engine);
    }

    /** Hashes the arrays by content. */
    @Override
    public int hashCode() {
        return Objects.hash(moduleDigest, Arrays.hashCode(module), Arrays.hashCode(stdin), args, env, directories,
                limits, engine);
    }

    /** Sizes instead of bytes, variable names without values. */
    @Override
    public String toString() {
        return "ExecutionRequest[moduleDigest=" + moduleDigest + ", module=" + module.length + " bytes, stdin="
                + stdin.length + " bytes, args=" + args + ", env=" + env.keySet() + ", directories=" + directories
                + ", limits=" + limits + ", engine=" + engine + "]";
    }
}
