package org.assessmentruntime.enginechicory.internal;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.ByteArrayOutputStream;

/**
 * Writes, byte by byte, a WASI command whose one helper function is too large for a JVM method, so
 * that Chicory must interpret it: {@code _start} calls {@code sum}, which adds 1 to 0 a given number of
 * times, and traps ({@code unreachable}) unless the sum is that number.
 */
final class HugeFunctionModule {

    private static final int I32 = 0x7f;
    private static final int I32_CONST = 0x41;
    private static final int I32_ADD = 0x6a;
    private static final int I32_NE = 0x47;
    private static final int CALL = 0x10;
    private static final int IF_EMPTY = 0x04;
    private static final int EMPTY_TYPE = 0x40;
    private static final int UNREACHABLE = 0x00;
    private static final int END = 0x0b;

    private HugeFunctionModule() {
    }

    static byte[] summingOnes(int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] { 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00 });
        // types: 0 = () -> (), 1 = () -> (i32); functions: _start of type 0, sum of type 1
        section(out, 1, bytes(2, 0x60, 0, 0, 0x60, 0, 1, I32));
        section(out, 3, bytes(2, 0, 1));
        section(out, 5, bytes(1, 0, 1));
        ByteArrayOutputStream exports = new ByteArrayOutputStream();
        exports.write(2);
        name(exports, "memory");
        exports.writeBytes(bytes(0x02, 0));
        name(exports, "_start");
        exports.writeBytes(bytes(0x00, 0));
        section(out, 7, exports.toByteArray());

        ByteArrayOutputStream start = new ByteArrayOutputStream();
        start.writeBytes(bytes(0, CALL, 1, I32_CONST));
        signedLeb(start, count);
        start.writeBytes(bytes(I32_NE, IF_EMPTY, EMPTY_TYPE, UNREACHABLE, END, END));
        ByteArrayOutputStream sum = new ByteArrayOutputStream();
        sum.writeBytes(bytes(0, I32_CONST, 0));
        for (int i = 0; i < count; i++) {
            sum.writeBytes(bytes(I32_CONST, 1, I32_ADD));
        }
        sum.write(END);
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        code.write(2);
        sized(code, start.toByteArray());
        sized(code, sum.toByteArray());
        section(out, 10, code.toByteArray());
        return out.toByteArray();
    }

    private static void section(ByteArrayOutputStream out, int id, byte[] content) {
        out.write(id);
        sized(out, content);
    }

    private static void sized(ByteArrayOutputStream out, byte[] content) {
        unsignedLeb(out, content.length);
        out.writeBytes(content);
    }

    private static void name(ByteArrayOutputStream out, String name) {
        sized(out, name.getBytes(US_ASCII));
    }

    private static byte[] bytes(int... values) {
        byte[] result = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (byte) values[i];
        }
        return result;
    }

    private static void unsignedLeb(ByteArrayOutputStream out, int value) {
        int rest = value;
        do {
            int b = rest & 0x7f;
            rest >>>= 7;
            out.write(rest == 0 ? b : b | 0x80);
        } while (rest != 0);
    }

    private static void signedLeb(ByteArrayOutputStream out, int value) {
        int rest = value;
        while (true) {
            int b = rest & 0x7f;
            rest >>= 7;
            boolean done = (rest == 0 && (b & 0x40) == 0) || (rest == -1 && (b & 0x40) != 0);
            out.write(done ? b : b | 0x80);
            if (done) {
                return;
            }
        }
    }
}
