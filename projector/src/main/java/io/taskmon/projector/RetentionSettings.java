package io.taskmon.projector;

import java.time.Duration;

/**
 * How long the read model keeps history.
 *
 * @param maxAge      runs, flips, resolved alerts and the batches and import errors of finished
 *                    ETL job runs older than this are deleted; {@link Duration#ZERO} keeps them forever
 * @param statsMaxAge hourly stats are trends people look back on for longer; zero keeps them forever
 * @param interval    how often the retention job runs
 * @param batchSize   rows deleted per transaction: small, so the projector and readers never wait long on it
 */
public record RetentionSettings(Duration maxAge, Duration statsMaxAge, Duration interval, int batchSize) {

    public static final RetentionSettings DEFAULTS =
            new RetentionSettings(Duration.ofDays(90), Duration.ofDays(400), Duration.ofHours(1), 5_000);

    public RetentionSettings {
        if (maxAge.isNegative() || statsMaxAge.isNegative()) {
            throw new IllegalArgumentException("retention ages cannot be negative");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the retention interval must be positive");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("the retention batch size must be at least 1");
        }
    }
}
