package io.taskmon.gateway;

import java.util.function.LongSupplier;

/**
 * A token bucket per ingest key: each key may send {@code reportsPerSecond} reports a second
 * on average and up to {@code burst} at once. A batch takes one token per report, so a batch
 * is no way around the limit. A refused request takes nothing from the bucket.
 */
public final class RateLimiter {

    /** The verdict for one request: allowed, or how long to wait before trying again. */
    public record Verdict(boolean allowed, int retryAfterSeconds) {
    }

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final Bucket[] buckets;
    private final double reportsPerSecond;
    private final double burst;
    private final LongSupplier nanoTime;

    public RateLimiter(int keys, double reportsPerSecond, int burst, LongSupplier nanoTime) {
        if (!(reportsPerSecond > 0)) {
            throw new IllegalArgumentException(
                    "TASKMON_INGEST_RATE_LIMIT must be more than 0, got " + reportsPerSecond);
        }
        if (burst < BatchBody.MAX_REPORTS) {
            // Below this a full batch could never pass, however long the sender waited.
            throw new IllegalArgumentException("TASKMON_INGEST_BURST must be at least "
                    + BatchBody.MAX_REPORTS + " (the largest batch), got " + burst);
        }
        this.reportsPerSecond = reportsPerSecond;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.buckets = new Bucket[keys];
        long now = nanoTime.getAsLong();
        for (int i = 0; i < keys; i++) {
            buckets[i] = new Bucket(burst, now);
        }
    }

    /** Takes {@code reports} tokens from the key's bucket if it holds that many. */
    public Verdict acquire(int keyIndex, int reports) {
        return buckets[keyIndex].take(reports);
    }

    private final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }

        synchronized Verdict take(int reports) {
            long now = nanoTime.getAsLong();
            tokens = Math.min(burst, tokens + (now - refilledAt) * reportsPerSecond / NANOS_PER_SECOND);
            refilledAt = now;
            if (tokens >= reports) {
                tokens -= reports;
                return new Verdict(true, 0);
            }
            int waitSeconds = (int) Math.ceil((reports - tokens) / reportsPerSecond);
            return new Verdict(false, Math.max(1, waitSeconds));
        }
    }
}
