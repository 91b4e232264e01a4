package io.taskmon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuClockTest {

    @Test
    void busyWorkShowsInTheProcessAndTheMachineClock() {
        CpuClock.Reading start = CpuClock.now();
        spinFor(300_000_000L);
        CpuClock.Reading spent = CpuClock.now().since(start);

        // 0.3 s of a busy thread: this JVM spent at least most of it, and the machine, which
        // counts in hundredths of a second, at least that much as well.
        assertThat(spent.processNanos()).isGreaterThan(200_000_000L);
        assertThat(spent.machineNanos()).isPresent();
        assertThat(spent.machineNanos().getAsLong()).isGreaterThan(150_000_000L);
        assertThat(spent.processMicrosPer(1_000)).isGreaterThan(200.0);
        assertThat(spent.machineMicrosPer(1_000).orElseThrow()).isGreaterThan(150L);
    }

    /** Keeps this thread on a core: each turn reads the clock, which the compiler cannot leave out. */
    private static void spinFor(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            // spin
        }
    }
}
