package org.assessmentruntime.enginechicory.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.assessmentruntime.api.WasmEngine.HostLimits;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.DirectoryGrant;
import org.assessmentruntime.api.model.ExecutionRequest;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;

/**
 * A guest played from Java: the sandbox's WASI functions of a request, called one by one with their raw
 * arguments against the memory of a module that has nothing but one page of memory. Lets tests make the
 * exact calls a hostile module would, without writing one per case.
 */
final class WasiGuest implements AutoCloseable {

    static final long RIGHT_FD_READ = 1L << 1;
    static final long RIGHT_FD_WRITE = 1L << 6;
    static final int O_CREAT = 1;
    static final int O_DIRECTORY = 2;
    static final int O_TRUNC = 8;
    static final int LOOKUP_FOLLOW = 1;
    /** The first preopened directory. */
    static final int ROOT = 3;

    /** (module (memory (export "memory") 1)) */
    private static final byte[] MEMORY_ONLY = { 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x05, 0x03, 0x01,
        0x00, 0x01, 0x07, 0x0a, 0x01, 0x06, 'm', 'e', 'm', 'o', 'r', 'y', 0x02, 0x00 };

    private final WasiSandbox sandbox;
    private final Map<String, HostFunction> functions;
    private final Instance instance = Instance.builder(Parser.parse(MEMORY_ONLY)).build();
    private int free = 1024;

    WasiGuest(DirectoryGrant... grants) throws IOException {
        ExecutionRequest request = new ExecutionRequest(Digest.sha256(MEMORY_ONLY), MEMORY_ONLY, new byte[0],
                List.of("guest"), Map.of(), List.of(grants), null, null);
        sandbox = WasiSandbox.open(request, HostLimits.DEFAULTS, CappedOutput.stdout(1 << 20),
                CappedOutput.stderr(1 << 20));
        ImportFunction[] imports = sandbox.imports().functions();
        functions = Arrays.stream(imports).map(HostFunction.class::cast)
                .collect(Collectors.toMap(HostFunction::name, Function.identity()));
    }

    /** Calls a WASI function; its errno. */
    int call(String name, long... args) {
        return (int) functions.get(name).handle().apply(instance, args)[0];
    }

    /** Calls a WASI function taking one path after a directory descriptor: (fd, path, path_len). */
    int onPath(String name, int dirFd, String path) {
        return call(name, dirFd, string(path), length(path));
    }

    /** path_open; the errno, and the descriptor at {@link #lastFd()}. */
    int open(String path, int lookup, int oflags, long rights) {
        return call("path_open", ROOT, lookup, string(path), length(path), oflags, rights, rights, 0, 0);
    }

    int lastFd() {
        return instance.memory().readInt(0);
    }

    int rename(String from, String to) {
        return call("path_rename", ROOT, string(from), length(from), ROOT, string(to), length(to));
    }

    int symlink(String target, String link) {
        return call("path_symlink", string(target), length(target), ROOT, string(link), length(link));
    }

    int link(String existing, String link) {
        return call("path_link", ROOT, 0, string(existing), length(existing), ROOT, string(link), length(link));
    }

    /** fd_write of text to fd. */
    int write(int fd, String text) {
        int data = string(text);
        int iov = free;
        free += 8;
        instance.memory().writeI32(iov, data);
        instance.memory().writeI32(iov + 4, length(text));
        return call("fd_write", fd, iov, 1, 8);
    }

    /** The text path_readlink reads into the guest's memory, or null on an errno. */
    String readlink(String path) {
        int buf = free;
        free += 256;
        int errno = call("path_readlink", ROOT, string(path), length(path), buf, 256, 4);
        return errno != 0 ? null : instance.memory().readString(buf, instance.memory().readInt(4));
    }

    /** fd_readdir of the root from cookie 0 into a 4 KiB buffer: each entry's name and WASI filetype. */
    Map<String, Integer> readdir() {
        int buf = free;
        free += 4096;
        int errno = call("fd_readdir", ROOT, buf, 4096, 0, 4);
        if (errno != 0) {
            throw new IllegalStateException("fd_readdir: errno " + errno);
        }
        Map<String, Integer> entries = new java.util.TreeMap<>();
        int used = instance.memory().readInt(4);
        for (int at = buf; at + 24 <= buf + used;) {
            int nameLength = instance.memory().readInt(at + 16);
            int type = instance.memory().read(at + 20);
            entries.put(instance.memory().readString(at + 24, nameLength), type);
            at += 24 + nameLength;
        }
        return entries;
    }

    int string(String text) {
        byte[] bytes = text.getBytes(UTF_8);
        int at = free;
        instance.memory().write(at, bytes);
        free += bytes.length + 1;
        return at;
    }

    static int length(String text) {
        return text.getBytes(UTF_8).length;
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
