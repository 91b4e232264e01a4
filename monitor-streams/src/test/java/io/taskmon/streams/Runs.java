package io.taskmon.streams;

import io.taskmon.events.MonitorConfig;
import io.taskmon.events.MonitorId;
import io.taskmon.events.RunStatus;
import io.taskmon.events.TaskRunReported;
import java.time.Instant;
import java.util.UUID;

/** Run reports for tests, as the gateway would publish them. */
final class Runs {

    private Runs() {
    }

    static TaskRunReported run(String taskKey, RunStatus status, String finishedAt) {
        return run(taskKey, "", status, finishedAt, UUID.randomUUID());
    }

    static TaskRunReported run(String taskKey, String machine, RunStatus status, String at, UUID eventId) {
        Instant time = Instant.parse(at);
        boolean finished = status.isFinished();
        Integer exitCode = finished ? Integer.valueOf(status == RunStatus.FAILED ? 1 : 0) : null;
        return new TaskRunReported(
                TaskRunReported.SCHEMA_VERSION, eventId, eventId.toString(),
                MonitorId.of(taskKey, "shell", machine), taskKey, "Task " + taskKey, "shell", machine, status,
                finished ? time.minusSeconds(5) : time, finished ? time : null, finished ? 5000L : null,
                exitCode,
                status == RunStatus.FAILED ? "boom" : null, null, time.plusSeconds(1),
                null, null, null, null, null, null, null);
    }

    /** The same report with its own alert_after_failures. */
    static TaskRunReported withThreshold(TaskRunReported r, Integer alertAfterFailures) {
        return new TaskRunReported(r.schemaVersion(), r.eventId(), r.runId(), r.monitorId(), r.taskKey(), r.taskName(),
                r.kind(), r.machineName(), r.status(), r.startedAt(), r.finishedAt(), r.durationMs(), r.exitCode(),
                r.message(), r.logUrl(), r.receivedAt(), r.recordsProcessed(), r.recordsFailed(), r.attempt(),
                r.maxAttempts(), r.externalId(), r.labels(), alertAfterFailures);
    }

    /** The same report with a duration and a records count. */
    static TaskRunReported withWork(TaskRunReported r, long durationMs, Long recordsProcessed) {
        return new TaskRunReported(r.schemaVersion(), r.eventId(), r.runId(), r.monitorId(), r.taskKey(), r.taskName(),
                r.kind(), r.machineName(), r.status(), r.startedAt(), r.finishedAt(), durationMs, r.exitCode(),
                r.message(), r.logUrl(), r.receivedAt(), recordsProcessed, r.recordsFailed(), r.attempt(),
                r.maxAttempts(), r.externalId(), r.labels(), r.alertAfterFailures());
    }

    /** The same report carrying a monitor configuration. */
    static TaskRunReported withConfig(TaskRunReported r, MonitorConfig config) {
        return r.withMonitorConfig(config);
    }

    /** The same report as one try of a job that retries itself. */
    static TaskRunReported withAttempt(TaskRunReported r, int attempt, int maxAttempts) {
        return new TaskRunReported(r.schemaVersion(), r.eventId(), r.runId(), r.monitorId(), r.taskKey(), r.taskName(),
                r.kind(), r.machineName(), r.status(), r.startedAt(), r.finishedAt(), r.durationMs(), r.exitCode(),
                r.message(), r.logUrl(), r.receivedAt(), r.recordsProcessed(), r.recordsFailed(), attempt, maxAttempts,
                r.externalId(), r.labels(), r.alertAfterFailures(), r.monitorConfig());
    }

    /** The same report for the run {@code runId}, as a queued, started and finished run share one. */
    static TaskRunReported withRunId(TaskRunReported r, String runId) {
        return new TaskRunReported(r.schemaVersion(), r.eventId(), runId, r.monitorId(), r.taskKey(), r.taskName(),
                r.kind(), r.machineName(), r.status(), r.startedAt(), r.finishedAt(), r.durationMs(), r.exitCode(),
                r.message(), r.logUrl(), r.receivedAt(), r.recordsProcessed(), r.recordsFailed(), r.attempt(),
                r.maxAttempts(), r.externalId(), r.labels(), r.alertAfterFailures(), r.monitorConfig());
    }
}
