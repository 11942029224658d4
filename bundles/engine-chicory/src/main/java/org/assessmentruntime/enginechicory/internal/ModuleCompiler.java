package org.assessmentruntime.enginechicory.internal;

import java.util.function.Function;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.model.Digest;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;

/**
 * Turns bytes into a {@link ChicoryModule}: parses and validates them and checks that they are a WASI
 * command this engine can link ({@link CommandCheck}); {@link #machines} compiles them to JVM byte
 * code, which the module does on its first run, so that later runs only instantiate.
 */
final class ModuleCompiler {

    private ModuleCompiler() {
    }

    static ChicoryModule compile(Digest digest, byte[] bytes) throws AssessmentException {
        WasmModule module = parse(bytes);
        CommandCheck.check(module);
        return new ChicoryModule(digest, module);
    }

    private static WasmModule parse(byte[] bytes) throws AssessmentException {
        try {
            return Parser.parse(bytes);
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssessmentException("not a valid WebAssembly module: " + describe(e), e);
        }
    }

    static Function<Instance, Machine> machines(WasmModule module) throws AssessmentException {
        try {
            // Compiles every function now, in this thread, and loads the classes (which runs the JVM's
            // verifier). A function too large for one JVM method is interpreted instead; that is slower
            // but correct, so it is not worth a warning per module.
            return MachineFactoryCompiler.builder(module)
                    .withInterpreterFallback(InterpreterFallback.SILENT)
                    .compile();
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            throw new AssessmentException("Chicory cannot compile the module: " + describe(e), e);
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
