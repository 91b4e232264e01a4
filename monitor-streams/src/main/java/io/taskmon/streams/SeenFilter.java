package io.taskmon.streams;

/**
 * A Bloom filter over 128-bit keys: "certainly not added" or "maybe added". It never forgets a
 * key and never says "not added" for one that was, so a caller may skip its store when the
 * filter says no and must ask the store when it says maybe.
 *
 * <p>Ten bits and seven probes a key: about 1% of the keys never added answer maybe while the
 * filter holds no more than its capacity. Past that the share grows, so the owner rebuilds it.
 */
final class SeenFilter {

    private static final int BITS_PER_KEY = 10;
    private static final int PROBES = 7;

    private final long[] words;
    private final long bitCount;
    private final long capacity;
    private long added;

    SeenFilter(long capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        long words = Math.max(1, (capacity * BITS_PER_KEY + 63) / 64);
        this.words = new long[Math.toIntExact(words)];
        this.bitCount = words * 64;
    }

    void add(long high, long low) {
        long h1 = mix(high ^ Long.rotateLeft(low, 31));
        long h2 = mix(low + 0x9E3779B97F4A7C15L * high) | 1;
        for (int i = 0; i < PROBES; i++) {
            long bit = Long.remainderUnsigned(h1 + i * h2, bitCount);
            words[(int) (bit >>> 6)] |= 1L << bit;
        }
        added++;
    }

    boolean mightContain(long high, long low) {
        long h1 = mix(high ^ Long.rotateLeft(low, 31));
        long h2 = mix(low + 0x9E3779B97F4A7C15L * high) | 1;
        for (int i = 0; i < PROBES; i++) {
            long bit = Long.remainderUnsigned(h1 + i * h2, bitCount);
            if ((words[(int) (bit >>> 6)] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    boolean isFull() {
        return added >= capacity;
    }

    long added() {
        return added;
    }

    /** Murmur3's 64-bit finalizer: every input bit moves every output bit. */
    private static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb9fe1a85ec53L;
        x ^= x >>> 33;
        return x;
    }
}
