package io.taskmon.etl.source;

import java.util.Arrays;

/** A growable byte array, written from the front and reused after {@link #clear()}. */
public class ByteSink {

    protected byte[] bytes;
    protected int size;

    public ByteSink(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    public final int size() {
        return size;
    }

    /** Bytes allocated, content or not: what keeping this sink costs. */
    public final int capacity() {
        return bytes.length;
    }

    /** The backing array; only the first {@link #size()} bytes are content. */
    public final byte[] array() {
        return bytes;
    }

    public void clear() {
        size = 0;
    }

    public final void appendByte(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    /** Appends {@code source[start, end)}. */
    public final void append(byte[] source, int start, int end) {
        int length = end - start;
        ensure(length);
        System.arraycopy(source, start, bytes, size, length);
        size += length;
    }

    protected final void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
