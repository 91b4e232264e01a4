package io.taskmon.readmodel;

import java.time.Instant;

/**
 * One row of {@code taskmon.dead_letters}: a record a consumer could not read or store, with the
 * reason, and when it was replayed ({@code replayedAt} null while it waits). The list leaves out
 * the exact bytes ({@code rawValueBase64}, {@code sourceKey}), which only a replay needs.
 *
 * @param id null for a row not yet stored
 */
public record DeadLetterRow(
        @Nullable Long id,
        String sourceTopic,
        int sourcePartition,
        long sourceOffset,
        String consumer,
        String reason,
        @Nullable String rawValue,
        @Nullable String rawValueBase64,
        @Nullable byte[] sourceKey,
        int schemaVersion,
        Instant failedAt,
        @Nullable Instant replayedAt) {

    public boolean isWaiting() {
        return replayedAt == null;
    }

    /** Where the record was refused: {@code topic-partition@offset}. */
    public String source() {
        return sourceTopic + "-" + sourcePartition + "@" + sourceOffset;
    }
}
