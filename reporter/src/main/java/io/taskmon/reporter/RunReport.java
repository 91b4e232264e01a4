package io.taskmon.reporter;

import java.util.UUID;

/**
 * One report for {@code POST /api/monitor/report}, in the gateway's field names. Times are
 * ISO-8601 strings as given or as produced by {@link java.time.Instant#toString()}.
 *
 * @param eventId the idempotency key: a report resent from the spool is counted once
 * @param runId   the same for a run's {@code running} signal and its finish
 * @param schedule the schedule flags, sent as {@code monitor_config}; {@code null} when none was given
 */
record RunReport(
        String taskKey,
        String taskName,
        String kind,
        String machineName,
        String status,
        UUID eventId,
        String runId,
        String startedAt,
        String finishedAt,
        Long durationMs,
        Integer exitCode,
        String message,
        String logUrl,
        ScheduleFlags schedule) {

    static final String RUNNING = "running";
    static final String SUCCESS = "success";
    static final String FAILED = "failed";

    boolean isStartSignal() {
        return RUNNING.equals(status);
    }

    byte[] toJson() {
        return new JsonWriter()
                .field("task_key", taskKey)
                .field("task_name", taskName)
                .field("kind", kind)
                .field("status", status)
                .field("machine_name", machineName)
                .field("event_id", eventId.toString())
                .field("run_id", runId)
                .field("started_at", startedAt)
                .field("finished_at", finishedAt)
                .field("duration_ms", durationMs)
                .field("exit_code", exitCode)
                .field("message", message)
                .field("log_url", logUrl)
                .object("monitor_config", schedule == null ? null : schedule::writeTo)
                .toUtf8();
    }
}
