package io.taskmon.reporter;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The last bytes a command wrote, for the report's message: a failure's cause is nearly always
 * at the end. Bounded, so a command printing gigabytes costs the reporter a few KiB.
 */
final class OutputTail {

    /**
     * 4 KiB: the useful end of a stack trace or an error log, and well inside the gateway's
     * 16 KiB message limit together with the line saying why the run failed.
     */
    static final int DEFAULT_CAPACITY = 4 * 1024;

    private final byte[] ring;
    private long total;

    OutputTail(int capacity) {
        this.ring = new byte[capacity];
    }

    synchronized void append(byte[] bytes, int offset, int length) {
        int capacity = ring.length;
        if (length >= capacity) {
            System.arraycopy(bytes, offset + length - capacity, ring, 0, capacity);
            // the ring now starts at position total % capacity; realign by rotating once
            total += length;
            rotateTo((int) (total % capacity));
            return;
        }
        int at = (int) (total % capacity);
        int first = Math.min(length, capacity - at);
        System.arraycopy(bytes, offset, ring, at, first);
        System.arraycopy(bytes, offset + first, ring, 0, length - first);
        total += length;
    }

    synchronized long totalBytes() {
        return total;
    }

    /**
     * The kept bytes as text, starting with a marker when earlier output was cut. A cut can
     * fall inside a UTF-8 character; its leftover bytes are skipped rather than shown broken.
     */
    synchronized String text(Charset charset, String whereTheRestIs) {
        int capacity = ring.length;
        if (total <= capacity) {
            return new String(ring, 0, (int) total, charset);
        }
        byte[] ordered = new byte[capacity];
        int start = (int) (total % capacity);
        System.arraycopy(ring, start, ordered, 0, capacity - start);
        System.arraycopy(ring, 0, ordered, capacity - start, start);
        int skip = 0;
        if (charset.equals(StandardCharsets.UTF_8)) {
            while (skip < ordered.length && skip < 3 && (ordered[skip] & 0xC0) == 0x80) {
                skip++;
            }
        }
        long cut = total - capacity + skip;
        return "…[" + cut + " earlier bytes of output cut" + whereTheRestIs + "]\n"
                + new String(ordered, skip, ordered.length - skip, charset);
    }

    /** Rewrites the ring so that the byte at {@code start} is the oldest one. */
    private void rotateTo(int start) {
        if (start == 0) {
            return;
        }
        byte[] copy = ring.clone();
        int capacity = ring.length;
        // copy[0] is the oldest byte; it belongs at ring[start]
        System.arraycopy(copy, 0, ring, start, capacity - start);
        System.arraycopy(copy, capacity - start, ring, 0, start);
    }
}
