package io.taskmon.readmodel;

import java.time.Instant;

/**
 * The dead letters not yet replayed: how many, and when the newest of them failed.
 *
 * @param latestAt null when none waits
 */
public record DeadLetterWaiting(long waiting, @Nullable Instant latestAt) {
}
