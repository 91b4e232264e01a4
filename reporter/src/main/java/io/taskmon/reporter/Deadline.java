package io.taskmon.reporter;

import java.time.Duration;
import java.time.Instant;

/** A point in time the reporter must be done by, on the monotonic clock. */
final class Deadline {

    /**
     * Kept back from the budget for what follows the last attempt: writing the spool file, the
     * notice, and the JVM's exit. Generous, because on a busy host a process can wait that
     * long for a core.
     */
    static final Duration EXIT_RESERVE = Duration.ofMillis(150);

    /** No new attempt starts after this. */
    private final long tryUntilNanos;
    /** An attempt under way may wait for its answer until this. */
    private final long answerByNanos;

    private Deadline(long tryUntilNanos, long answerByNanos) {
        this.tryUntilNanos = tryUntilNanos;
        this.answerByNanos = answerByNanos;
    }

    static Deadline after(Duration duration) {
        long at = System.nanoTime() + Math.max(0, duration.toNanos());
        return new Deadline(at, at);
    }

    /**
     * Attempts start only within {@code tryFor}, but one under way may wait for its answer for
     * the whole {@code answerWithin}. Cutting an attempt short does not unsend it: a slow
     * gateway may still accept it, and a report sent again later would be there twice.
     */
    static Deadline tryingFor(Duration tryFor, Duration answerWithin) {
        long now = System.nanoTime();
        long answerBy = now + Math.max(0, answerWithin.toNanos());
        return new Deadline(Math.min(answerBy, now + Math.max(0, tryFor.toNanos())), answerBy);
    }

    /** Time left to start attempts (and to pause between them). */
    Duration remaining() {
        return Duration.ofNanos(Math.max(0, tryUntilNanos - System.nanoTime()));
    }

    boolean passed() {
        return tryUntilNanos - System.nanoTime() <= 0;
    }

    /** How long an attempt started now may wait for its answer. */
    Duration answerTimeLeft() {
        return Duration.ofNanos(Math.max(0, answerByNanos - System.nanoTime()));
    }

    /**
     * How long the reporter may wait for the gateway after the command ends: the budget less
     * what this process has already spent starting (the JVM included), so that the whole
     * reporter adds at most the budget to the command's wall time.
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
