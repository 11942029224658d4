package org.assessmentruntime.enginewasmtime.internal;

import java.io.ByteArrayOutputStream;

/** Writes unsigned LEB128 numbers, shortest form, as the WebAssembly binary format encodes them. */
final class Leb128 {

    private Leb128() {
    }

    static void writeUnsigned(ByteArrayOutputStream out, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("unsigned LEB128 of a negative number: " + value);
        }
        long rest = value;
        do {
            int b = (int) (rest & 0x7f);
            rest >>>= 7;
            out.write(rest == 0 ? b : b | 0x80);
        } while (rest != 0);
    }

    static byte[] unsigned(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(5);
        writeUnsigned(out, value);
        return out.toByteArray();
    }
}
