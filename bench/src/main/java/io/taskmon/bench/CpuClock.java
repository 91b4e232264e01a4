package io.taskmon.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * CPU time spent, as benchmarks report it next to their rates. On a shared machine a rate
 * swings with whatever else runs; the CPU a piece of work costs swings much less, and on a
 * machine whose cores are all busy it sets the rate: two cores at 50 µs of CPU per run cannot
 * project more than 40,000 runs/s, whatever the code around them does.
 */
final class CpuClock {

    private static final Path PROC_STAT = Path.of("/proc/stat");
    /** The unit of /proc/stat on every Linux build that matters (USER_HZ). */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private CpuClock() {
    }

    /** CPU time of this JVM, all its threads (for the benchmarks, the embedded broker too). */
    static long processNanos() {
        return ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class).getProcessCpuTime();
    }

    /**
     * CPU time of the whole machine: every process, PostgreSQL's included, user and system time
     * (idle, I/O wait and time stolen by a hypervisor are not work). Empty where the kernel does
     * not publish it.
     */
    static OptionalLong machineNanos() {
        try {
            for (String line : Files.readAllLines(PROC_STAT)) {
                if (line.startsWith("cpu ")) {
                    String[] f = line.trim().split("\\s+");
                    // cpu user nice system idle iowait irq softirq steal ...
                    long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3])
                            + Long.parseLong(f[6]) + Long.parseLong(f[7]);
                    return OptionalLong.of(busy * NANOS_PER_TICK);
                }
            }
            return OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** Where the clocks stand now. */
    static Reading now() {
        return new Reading(processNanos(), machineNanos());
    }

    /**
     * CPU time on both clocks: a reading, or the difference of two. The machine's is empty where
     * it is unknown.
     */
    record Reading(long processNanos, OptionalLong machineNanos) {

        /** The CPU spent from {@code start} to this reading. */
        Reading since(Reading start) {
            OptionalLong machine = machineNanos.isPresent() && start.machineNanos.isPresent()
                    ? OptionalLong.of(machineNanos.getAsLong() - start.machineNanos.getAsLong()) : OptionalLong.empty();
            return new Reading(processNanos - start.processNanos, machine);
        }

        double processMicrosPer(long units) {
            return processNanos / 1e3 / units;
        }

        /** Empty where the machine's CPU time is unknown. */
        OptionalLong machineMicrosPer(long units) {
            return machineNanos.isPresent() ? OptionalLong.of(Math.round(machineNanos.getAsLong() / 1e3 / units))
                    : OptionalLong.empty();
        }
    }
}
