package io.taskmon.streams;

import io.taskmon.events.MonitorConfig;
import io.taskmon.events.RunStatus;
import io.taskmon.events.TaskRunReported;
import java.time.Duration;

/**
 * What a run counts as for its monitor, which is not always what it reported: with a
 * configuration, a failed attempt that the job will retry is {@code RETRYING} (only the final
 * attempt's outcome counts), and a success shorter than the minimum run time is a failure ("too
 * short": a backup that ends in a second backed up nothing). Without a configuration a run counts
 * as it reported, as it always has.
 *
 * @param reason why the run counts as failed when it reported success, else {@code null}
 */
record RunVerdict(Kind kind, String reason) {

    enum Kind {
        SUCCEEDED,
        FAILED,
        /** A failed attempt with attempts left: shown, but neither a failure nor a success. */
        RETRYING,
        /** A {@code running} signal. */
        STARTED,
        /** A {@code pending} report: queued, not started. */
        QUEUED
    }

    static RunVerdict of(TaskRunReported run, MonitorConfig config) {
        return switch (run.status()) {
            case RUNNING -> new RunVerdict(Kind.STARTED, null);
            case PENDING -> new RunVerdict(Kind.QUEUED, null);
            case FAILED -> config != null && run.attempt() != null && run.maxAttempts() != null
                    && run.attempt() < run.maxAttempts()
                    ? new RunVerdict(Kind.RETRYING, null) : new RunVerdict(Kind.FAILED, null);
            case SUCCESS -> tooShort(run, config)
                    ? new RunVerdict(Kind.FAILED, "too short") : new RunVerdict(Kind.SUCCEEDED, null);
        };
    }

    /** Runs without a known duration are given the benefit of the doubt. */
    private static boolean tooShort(TaskRunReported run, MonitorConfig config) {
        if (config == null || config.minRuntimeSeconds() == null) {
            return false;
        }
        Long durationMs = run.durationMs();
        if (durationMs == null && run.startedAt() != null && run.finishedAt() != null) {
            durationMs = Duration.between(run.startedAt(), run.finishedAt()).toMillis();
        }
        return durationMs != null && durationMs < config.minRuntimeSeconds() * 1000;
    }

    boolean isFailure() {
        return kind == Kind.FAILED;
    }

    boolean isSuccess() {
        return kind == Kind.SUCCEEDED;
    }
}
