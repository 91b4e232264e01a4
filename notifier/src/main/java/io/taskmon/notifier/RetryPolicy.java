package io.taskmon.notifier;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When a failed delivery is tried again: exponential backoff from {@code firstDelay}, doubled
 * per attempt up to {@code maxDelay}, with jitter, until {@code retryFor} after the delivery was
 * first owed; then it has failed.
 *
 * <p>The jitter takes each delay at random between half and all of its step, so that when a
 * receiver comes back, the deliveries that piled up while it was down do not all arrive in the
 * same second.
 *
 * @param firstDelay TASKMON_NOTIFY_RETRY_FIRST
 * @param maxDelay   TASKMON_NOTIFY_RETRY_MAX
 * @param retryFor   TASKMON_NOTIFY_RETRY_FOR
 */
public record RetryPolicy(Duration firstDelay, Duration maxDelay, Duration retryFor) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(30), Duration.ofHours(1),
            Duration.ofHours(24));

    /**
     * When to try again after {@code attemptsMade} failed attempts, at least {@code retryAfter}
     * from now when the receiver asked for that (null: it did not); empty once the retry period
     * is over.
     */
    public Optional<Instant> nextAttempt(int attemptsMade, Instant firstOwedAt, Instant now, Duration retryAfter,
                                         RandomGenerator random) {
        Duration delay = jittered(step(attemptsMade), random);
        if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
            delay = retryAfter;
        }
        Instant next = now.plus(delay);
        if (next.isAfter(firstOwedAt.plus(retryFor))) {
            return Optional.empty();
        }
        return Optional.of(next);
    }

    /** The un-jittered delay after {@code attemptsMade} failures: first, twice that, four times, ... */
    Duration step(int attemptsMade) {
        int doublings = Math.min(Math.max(attemptsMade - 1, 0), 40);
        long millis = firstDelay.toMillis();
        for (int i = 0; i < doublings && millis < maxDelay.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
    }

    private static Duration jittered(Duration step, RandomGenerator random) {
        long half = step.toMillis() / 2;
        return Duration.ofMillis(half + (half == 0 ? 0 : random.nextLong(half + 1)));
    }
}
