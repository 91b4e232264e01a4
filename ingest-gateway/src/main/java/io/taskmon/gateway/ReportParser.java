package io.taskmon.gateway;

import static io.taskmon.gateway.ReportFields.optionalInstant;
import static io.taskmon.gateway.ReportFields.optionalInt;
import static io.taskmon.gateway.ReportFields.optionalNonNegativeInt;
import static io.taskmon.gateway.ReportFields.optionalNonNegativeLong;
import static io.taskmon.gateway.ReportFields.optionalString;
import static io.taskmon.gateway.ReportFields.optionalUuid;
import static io.taskmon.gateway.ReportFields.requiredString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.taskmon.events.MonitorConfig;
import io.taskmon.events.MonitorId;
import io.taskmon.events.RunStatus;
import io.taskmon.events.TaskRunReported;
import io.taskmon.web.MonitorConfigField;
import io.taskmon.web.MonitorFields;
import io.taskmon.web.RequestRejected;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The report contract's field rules: turns a report into a {@link TaskRunReported}, or rejects
 * it with one sentence naming the first field that is wrong (the TC Portal error shape).
 * Reading the bytes is {@link JsonBody}'s job, typing one field {@link ReportFields}'; the
 * fields that name a monitor and its configuration are read as the admin API reads them
 * ({@link MonitorFields}, {@link MonitorConfigField}). Unknown
 * fields are ignored: clients add fields over time.
 */
public final class ReportParser {

    static final int RUN_ID_MAX_CHARS = 128;
    static final int LOG_URL_MAX_CHARS = 2048;
    static final int EXTERNAL_ID_MAX_CHARS = 256;
    /** monitor-streams keeps the failure streak in a small window; 100 is far past any real need. */
    static final int ALERT_AFTER_FAILURES_MAX = 100;

    private final Clock clock;

    public ReportParser(Clock clock) {
        this.clock = clock;
    }

    public TaskRunReported parse(byte[] body) {
        return parse(JsonBody.readObject(body));
    }

    /** One report already read as JSON: a single body, or one item of a batch. */
    public TaskRunReported parse(JsonNode node) {
        if (!(node instanceof ObjectNode report)) {
            throw RequestRejected.badRequest("A report must be a JSON object");
        }
        String taskKey = MonitorFields.taskKey(report);
        String taskName = MonitorFields.taskName(report);
        String kind = MonitorFields.kind(report);
        String statusName = requiredString(report, "status");
        RunStatus status = RunStatus.fromWireName(statusName);
        if (status == null) {
            throw RequestRejected.badRequest("status must be one of success, failed, running or pending");
        }

        String machineName = MonitorFields.machineName(report);
        Instant startedAt = optionalInstant(report, "started_at");
        Instant finishedAt = optionalInstant(report, "finished_at");
        if (startedAt != null && finishedAt != null && finishedAt.isBefore(startedAt)) {
            throw RequestRejected.badRequest("finished_at must not be before started_at");
        }
        Long durationMs = optionalNonNegativeLong(report, "duration_ms");
        if (durationMs == null && startedAt != null && finishedAt != null) {
            durationMs = Duration.between(startedAt, finishedAt).toMillis();
        }
        Integer exitCode = optionalInt(report, "exit_code");
        String message = MessageTruncation.truncate(optionalString(report, "message", Integer.MAX_VALUE));
        String logUrl = optionalString(report, "log_url", LOG_URL_MAX_CHARS);
        UUID eventId = optionalUuid(report, "event_id");
        if (eventId == null) {
            eventId = UUID.randomUUID();
        }
        String runId = optionalString(report, "run_id", RUN_ID_MAX_CHARS);
        if (runId == null || runId.isBlank()) {
            runId = eventId.toString();
        }

        Long recordsProcessed = optionalNonNegativeLong(report, "records_processed");
        Long recordsFailed = optionalNonNegativeLong(report, "records_failed");
        Integer attempt = optionalNonNegativeInt(report, "attempt");
        Integer maxAttempts = optionalNonNegativeInt(report, "max_attempts");
        if (attempt != null && maxAttempts != null && attempt > maxAttempts) {
            throw RequestRejected.badRequest("attempt must not be greater than max_attempts");
        }
        String externalId = optionalString(report, "external_id", EXTERNAL_ID_MAX_CHARS);
        Map<String, String> labels = MonitorFields.labels(report);
        Integer alertAfterFailures = optionalInt(report, "alert_after_failures");
        if (alertAfterFailures != null
                && (alertAfterFailures < 1 || alertAfterFailures > ALERT_AFTER_FAILURES_MAX)) {
            throw RequestRejected.badRequest("alert_after_failures must be a whole number from 1 to "
                    + ALERT_AFTER_FAILURES_MAX);
        }
        MonitorConfig monitorConfig = MonitorConfigField.optional(report);

        return new TaskRunReported(TaskRunReported.SCHEMA_VERSION, eventId, runId,
                MonitorId.of(taskKey, kind, machineName), taskKey, taskName, kind, machineName, status,
                startedAt, finishedAt, durationMs, exitCode, message, logUrl, clock.instant(),
                recordsProcessed, recordsFailed, attempt, maxAttempts, externalId, labels, alertAfterFailures,
                monitorConfig);
    }
}
