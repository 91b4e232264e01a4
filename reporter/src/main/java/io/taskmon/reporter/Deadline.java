package io.taskmon.reporter;

import java.time.Duration;
import java.time.Instant;

/** A point in time the reporter must be done by, on the monotonic clock. */
final class Deadline {

    /**
     * Kept back from the budget for what follows the last attempt: writing the spool file and
     * the JVM's exit.
     */
    static final Duration EXIT_RESERVE = Duration.ofMillis(50);

    private final long atNanos;

    private Deadline(long atNanos) {
        this.atNanos = atNanos;
    }

    static Deadline after(Duration duration) {
        return new Deadline(System.nanoTime() + Math.max(0, duration.toNanos()));
    }

    Duration remaining() {
        return Duration.ofNanos(Math.max(0, atNanos - System.nanoTime()));
    }

    boolean passed() {
        return atNanos - System.nanoTime() <= 0;
    }

    /**
     * How long the reporter may wait for the gateway after the command ends: the budget less
     * what this process has already spent starting (the JVM included), so that the whole
     * reporter adds at most the budget to the job's wall time.
     */
    static Duration allowance(Duration budget) {
        Instant start = ProcessHandle.current().info().startInstant().orElse(null);
        Duration spent = start == null ? Duration.ZERO : Duration.between(start, Instant.now());
        if (spent.isNegative()) {
            spent = Duration.ZERO;
        }
        Duration left = budget.minus(spent).minus(EXIT_RESERVE);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
