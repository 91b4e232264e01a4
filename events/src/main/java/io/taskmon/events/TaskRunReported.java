package io.taskmon.events;

import java.time.Instant;
import java.util.UUID;

/**
 * One run report, as accepted by the ingest gateway: the value of {@link Topics#TASK_RUNS},
 * keyed by {@code monitor_id}. The replay source of the whole read model.
 *
 * @param eventId    idempotency key: a retried report with the same id is one run
 * @param runId      groups a {@code running} signal with its finish; defaults to the event id
 * @param receivedAt when the gateway accepted the report
 */
public record TaskRunReported(
        int schemaVersion,
        UUID eventId,
        String runId,
        UUID monitorId,
        String taskKey,
        String taskName,
        String kind,
        String machineName,
        RunStatus status,
        Instant startedAt,
        Instant finishedAt,
        Long durationMs,
        Integer exitCode,
        String message,
        String logUrl,
        Instant receivedAt) {

    public static final int SCHEMA_VERSION = 1;

    /**
     * When the run's outcome happened, for ordering: the finish time, else the start time,
     * else when the gateway received it. Client clocks can be wrong; the gateway's is the
     * fallback, never the first choice, because reports may arrive late after a spool.
     */
    public Instant occurredAt() {
        if (finishedAt != null) {
            return finishedAt;
        }
        if (startedAt != null) {
            return startedAt;
        }
        return receivedAt;
    }
}
