package io.taskmon.etl.bench;

import io.taskmon.etl.EtlCommand;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.Locale;

/**
 * Runs one {@code etl load} in this JVM (started by the benchmark with a small heap) and prints
 * {@code MEASURED seconds=... peak_heap_mb=... exit=...}: the load's own time, without JVM start,
 * and the heap's peak, the sum of each heap pool's peak (an upper bound of the true peak).
 */
public final class MeasuredLoad {

    private MeasuredLoad() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        int exit = EtlCommand.run(Arrays.asList(args));
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "MEASURED seconds=%.3f peak_heap_mb=%.1f exit=%d%n", seconds,
                peak / (1024.0 * 1024.0), exit);
        System.exit(exit);
    }
}
