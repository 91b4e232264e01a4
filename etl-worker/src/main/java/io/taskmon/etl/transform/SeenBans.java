package io.taskmon.etl.transform;

import java.util.BitSet;

/**
 * The BANs already loaded, to find duplicates across batches. A BAN is 8 digits, so one bit per
 * possible number (12.5 MB) holds any file's worth, at any size, in fixed memory.
 */
public final class SeenBans {

    private final BitSet seen = new BitSet(100_000_000);
    private long count;

    /** Records the BAN; false when it was already there. */
    public boolean add(int ban) {
        if (seen.get(ban)) {
            return false;
        }
        seen.set(ban);
        count++;
        return true;
    }

    public boolean contains(int ban) {
        return seen.get(ban);
    }

    public long count() {
        return count;
    }
}
