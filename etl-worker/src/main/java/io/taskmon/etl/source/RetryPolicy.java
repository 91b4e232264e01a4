package io.taskmon.etl.source;

import java.time.Duration;

/**
 * How often and how patiently an HTTP source is asked again: {@code tries} attempts in all,
 * waiting {@code firstBackoff}, then twice that, and so on, between them.
 */
public record RetryPolicy(int tries, Duration firstBackoff) {

    /** Three tries, one then two seconds apart: rides out a restarting server, not an outage. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofSeconds(1));

    public RetryPolicy {
        if (tries < 1) {
            throw new IllegalArgumentException("tries must be at least 1");
        }
    }

    /** The wait after failed attempt number {@code attempt} (1-based). */
    public Duration backoffAfter(int attempt) {
        return firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
    }
}
