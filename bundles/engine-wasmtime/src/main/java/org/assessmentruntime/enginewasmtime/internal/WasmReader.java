package org.assessmentruntime.enginewasmtime.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.assessmentruntime.api.AssessmentException;

/**
 * Reads the parts of the WebAssembly binary format that {@link ModuleRewriter} needs. Every read is
 * bounds-checked, so that bytes of unknown origin end in an {@link AssessmentException}, never in an
 * index exception.
 */
final class WasmReader {

    private final byte[] bytes;
    private final int end;
    private int position;

    WasmReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    WasmReader(byte[] bytes, int start, int end) {
        this.bytes = bytes;
        this.position = start;
        this.end = end;
    }

    int position() {
        return position;
    }

    boolean atEnd() {
        return position >= end;
    }

    int u8() throws AssessmentException {
        require(1);
        return bytes[position++] & 0xff;
    }

    /** An unsigned LEB128 number of at most 32 bits, in at most 5 bytes (padding allowed). */
    long u32() throws AssessmentException {
        long value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = u8();
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                if (value > 0xffff_ffffL) {
                    throw malformed("a LEB128 number exceeds 32 bits");
                }
                return value;
            }
        }
        throw malformed("a LEB128 number is longer than 5 bytes");
    }

    /** A length that must fit in the rest of the input. */
    int length() throws AssessmentException {
        long length = u32();
        if (length > end - position) {
            throw malformed("a length of " + length + " bytes runs past the end");
        }
        return (int) length;
    }

    byte[] bytes(int count) throws AssessmentException {
        require(count);
        byte[] slice = Arrays.copyOfRange(bytes, position, position + count);
        position += count;
        return slice;
    }

    /** A name: its bytes, as they were encoded. */
    byte[] name() throws AssessmentException {
        return bytes(length());
    }

    static String text(byte[] name) {
        return new String(name, StandardCharsets.UTF_8);
    }

    private void require(int count) throws AssessmentException {
        if (count < 0 || count > end - position) {
            throw malformed("the module is truncated");
        }
    }

    static AssessmentException malformed(String detail) {
        return new AssessmentException("not a valid WebAssembly module: " + detail);
    }
}
