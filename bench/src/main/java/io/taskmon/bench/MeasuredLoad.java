package io.taskmon.bench;

import io.taskmon.etl.EtlCommand;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.Locale;

/**
 * Runs one {@code etl load} in this JVM (started by the benchmark with a small heap) and prints
 * {@code MEASURED seconds=... peak_heap_mb=... live_heap_mb=... exit=...}: the load's time from
 * this JVM's main (the JVM's own start is not in it), the heap's peak (the sum of each heap pool's
 * peak: an upper bound, garbage included, which G1 lets grow towards -Xmx) and the heap in use
 * after the last collection (what the run really holds).
 */
public final class MeasuredLoad {

    private MeasuredLoad() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        int exit = EtlCommand.run(Arrays.asList(args));
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = 0;
        long afterGc = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
                if (pool.getCollectionUsage() != null) {
                    afterGc += pool.getCollectionUsage().getUsed();
                }
            }
        }
        System.out.printf(Locale.ROOT, "MEASURED seconds=%.3f peak_heap_mb=%.1f live_heap_mb=%.1f exit=%d%n", seconds,
                peak / (1024.0 * 1024.0), afterGc / (1024.0 * 1024.0), exit);
        System.exit(exit);
    }
}
