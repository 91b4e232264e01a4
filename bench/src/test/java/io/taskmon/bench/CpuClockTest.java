package io.taskmon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.junit.jupiter.api.Test;

class CpuClockTest {

    @Test
    void busyWorkShowsInTheProcessAndTheMachineClock() {
        CpuClock.Reading start = CpuClock.now();
        spinForCpu(300_000_000L);
        CpuClock.Reading spent = CpuClock.now().since(start);

        // This thread spent 0.3 s on a core, however busy the machine is: the JVM's clock counts
        // all of it, and the machine's, which counts in hundredths of a second, all but a tick or two.
        assertThat(spent.processNanos()).isGreaterThanOrEqualTo(300_000_000L);
        assertThat(spent.machineNanos()).isPresent();
        assertThat(spent.machineNanos().getAsLong()).isGreaterThan(250_000_000L);
        assertThat(spent.processMicrosPer(1_000)).isGreaterThanOrEqualTo(300.0);
        assertThat(spent.machineMicrosPer(1_000).orElseThrow()).isGreaterThan(250L);
    }

    /**
     * Keeps this thread busy until it has had {@code nanos} of CPU, not of wall time: on a loaded
     * machine a wall-clock spin gets only part of a core. Each turn reads the thread's clock, which
     * the compiler cannot leave out.
     */
    private static void spinForCpu(long nanos) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long end = threads.getCurrentThreadCpuTime() + nanos;
        while (threads.getCurrentThreadCpuTime() < end) {
            // spin
        }
    }
}
