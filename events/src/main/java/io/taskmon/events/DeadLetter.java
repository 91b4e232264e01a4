package io.taskmon.events;

import java.time.Instant;

/**
 * A record no taskmon consumer could read or process, kept with the reason: the value of
 * {@link Topics#DEAD_LETTER}, keyed by the original record's key bytes.
 *
 * @param rawValue the original value as UTF-8 text (malformed bytes replaced), for people
 * @param rawValueBase64 the original value exactly, for tools
 */
public record DeadLetter(
        int schemaVersion,
        String sourceTopic,
        int sourcePartition,
        long sourceOffset,
        String consumer,
        String reason,
        String rawValue,
        String rawValueBase64,
        Instant failedAt) {

    public static final int SCHEMA_VERSION = 1;
}
