package io.taskmon.events;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One run report, as accepted by the ingest gateway: the value of {@link Topics#TASK_RUNS},
 * keyed by {@code monitor_id}. The replay source of the whole read model.
 *
 * @param eventId    idempotency key: a retried report with the same id is one run
 * @param runId      groups a {@code running} signal with its finish; defaults to the event id
 * @param receivedAt         when the gateway accepted the report
 * @param recordsProcessed   rows or items the run handled, for trends; {@code null} when not reported
 * @param recordsFailed      rows or items the run could not handle
 * @param attempt            which try this was (1-based) when the job retries itself
 * @param maxAttempts        how many tries the job allows
 * @param externalId         the id the reporting system gives this run (a Celery task id, a job number)
 * @param labels             up to 16 free string pairs, e.g. {@code county=Taipei}; never {@code null}
 * @param alertAfterFailures per-monitor override of how many failures in a row raise an alert;
 *                           {@code null} keeps the monitor's current threshold
 * @param monitorConfig      the monitor's schedule and judging rules from now on; {@code null} (as in
 *                           every event written before it existed) keeps the monitor's current one
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
        Instant receivedAt,
        Long recordsProcessed,
        Long recordsFailed,
        Integer attempt,
        Integer maxAttempts,
        String externalId,
        Map<String, String> labels,
        Integer alertAfterFailures,
        MonitorConfig monitorConfig) {

    public static final int SCHEMA_VERSION = 1;

    /** A report that leaves the monitor's configuration as it is. */
    public TaskRunReported(int schemaVersion, UUID eventId, String runId, UUID monitorId, String taskKey,
                           String taskName, String kind, String machineName, RunStatus status, Instant startedAt,
                           Instant finishedAt, Long durationMs, Integer exitCode, String message, String logUrl,
                           Instant receivedAt, Long recordsProcessed, Long recordsFailed, Integer attempt,
                           Integer maxAttempts, String externalId, Map<String, String> labels,
                           Integer alertAfterFailures) {
        this(schemaVersion, eventId, runId, monitorId, taskKey, taskName, kind, machineName, status, startedAt,
                finishedAt, durationMs, exitCode, message, logUrl, receivedAt, recordsProcessed, recordsFailed,
                attempt, maxAttempts, externalId, labels, alertAfterFailures, null);
    }

    /** The same report with {@code config} as its monitor configuration. */
    public TaskRunReported withMonitorConfig(MonitorConfig config) {
        return new TaskRunReported(schemaVersion, eventId, runId, monitorId, taskKey, taskName, kind, machineName,
                status, startedAt, finishedAt, durationMs, exitCode, message, logUrl, receivedAt, recordsProcessed,
                recordsFailed, attempt, maxAttempts, externalId, labels, alertAfterFailures, config);
    }

    /**
     * Free text is made {@link StorableText storable} here, the one place every producer and
     * every reader of a run passes, so what the gateway acknowledges the read model can hold.
     */
    public TaskRunReported {
        if (!StorableText.isStorable(taskKey) || !StorableText.isStorable(kind)
                || !StorableText.isStorable(machineName)) {
            // The id names the monitor by its stored identity, or two spellings that store alike
            // would be two monitors with one name.
            taskKey = StorableText.of(taskKey);
            kind = StorableText.of(kind);
            machineName = StorableText.of(machineName);
            monitorId = taskKey == null || kind == null ? monitorId : MonitorId.of(taskKey, kind, machineName);
        }
        runId = StorableText.of(runId);
        taskName = StorableText.of(taskName);
        message = StorableText.of(message);
        logUrl = StorableText.of(logUrl);
        externalId = StorableText.of(externalId);
        labels = storableLabels(labels);
    }

    /** Insertion order kept, so the same report always serializes to the same bytes. */
    private static Map<String, String> storableLabels(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>(labels.size() * 2);
        labels.forEach((name, value) -> copy.put(StorableText.of(name), StorableText.of(value)));
        return Collections.unmodifiableMap(copy);
    }

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
