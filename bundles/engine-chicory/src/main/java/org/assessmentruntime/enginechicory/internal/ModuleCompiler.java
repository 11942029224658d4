package org.assessmentruntime.enginechicory.internal;

import java.util.function.Function;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.model.Digest;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.CompiledModule;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;

/**
 * Turns bytes into a {@link ChicoryModule}: parses and validates them and checks that they are a WASI
 * command this engine can link ({@link CommandCheck}); {@link #compile} compiles them to JVM byte
 * code, which the module does on its first run, so that later runs only instantiate.
 */
final class ModuleCompiler {

    private ModuleCompiler() {
    }

    /** Checks the bytes now; the module keeps a copy of them, not the parsed form (see ChicoryModule). */
    static ChicoryModule prepare(Digest digest, byte[] bytes) throws AssessmentException {
        CommandCheck.check(parse(bytes));
        return new ChicoryModule(digest, bytes.clone());
    }

    static WasmModule parse(byte[] bytes) throws AssessmentException {
        try {
            return Parser.parse(bytes);
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssessmentException("not a valid WebAssembly module: " + describe(e), e);
        }
    }

    /**
     * Compiles every function now, in this thread, and loads the classes (which runs the JVM's
     * verifier). What runs keep is the module {@link WithoutCode without its function bodies} when all
     * of them compiled: the parsed instructions are the largest part of a parsed module (about 30 times
     * its bytes) and only the interpreter reads them. A function too large for one JVM method is
     * interpreted instead (slower but correct, so not worth a warning per module); such a module is
     * compiled a second time with the fallback allowed and kept whole.
     */
    static ChicoryModule.Compiled compile(WasmModule module) throws AssessmentException {
        Function<Instance, Machine> all;
        try {
            all = MachineFactoryCompiler.builder(module).withInterpreterFallback(InterpreterFallback.FAIL).compile();
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            return new ChicoryModule.Compiled(module, withFallback(module));
        }
        if (all instanceof CompiledModule compiled) {
            // The compiled module's own factory insists on the very module it compiled; the machines
            // its generated classes make read only the sections WithoutCode keeps.
            return new ChicoryModule.Compiled(WithoutCode.of(module), compiled.machineFactory());
        }
        return new ChicoryModule.Compiled(module, all);
    }

    private static Function<Instance, Machine> withFallback(WasmModule module) throws AssessmentException {
        try {
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
