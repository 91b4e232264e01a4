package io.taskmon.gateway;

import static io.taskmon.gateway.ReportFields.optional;
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
import io.taskmon.web.RequestRejected;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The report contract's field rules: turns a report into a {@link TaskRunReported}, or rejects
 * it with one sentence naming the first field that is wrong (the TC Portal error shape).
 * Reading the bytes is {@link JsonBody}'s job, typing one field {@link ReportFields}'. Unknown
 * fields are ignored: clients add fields over time.
 */
public final class ReportParser {

    static final Pattern TASK_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}");
    static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    static final int TASK_NAME_MAX_CHARS = 200;
    static final int RUN_ID_MAX_CHARS = 128;
    static final int MACHINE_NAME_MAX_CHARS = 255;
    static final int LOG_URL_MAX_CHARS = 2048;
    static final int EXTERNAL_ID_MAX_CHARS = 256;
    static final int LABELS_MAX = 16;
    static final int LABEL_NAME_MAX_CHARS = 64;
    static final int LABEL_VALUE_MAX_CHARS = 256;
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
        String taskKey = requiredString(report, "task_key");
        if (!TASK_KEY.matcher(taskKey).matches()) {
            throw RequestRejected.badRequest("task_key must start with a letter or digit and contain only letters,"
                    + " digits, '_', '.', ':' or '-', at most 128 characters");
        }
        String taskName = requiredString(report, "task_name");
        if (taskName.isBlank() || taskName.codePointCount(0, taskName.length()) > TASK_NAME_MAX_CHARS) {
            throw RequestRejected.badRequest("task_name must be 1 to 200 characters and not only spaces");
        }
        String kind = requiredString(report, "kind");
        if (!KIND.matcher(kind).matches()) {
            throw RequestRejected.badRequest("kind must be a lowercase slug such as python, bat, shell or etl"
                    + " (a letter, then letters, digits, '_' or '-', at most 32 characters)");
        }
        String statusName = requiredString(report, "status");
        RunStatus status = RunStatus.fromWireName(statusName);
        if (status == null) {
            throw RequestRejected.badRequest("status must be one of success, failed, running or pending");
        }

        String machineName = optionalString(report, "machine_name", MACHINE_NAME_MAX_CHARS);
        if (machineName != null && machineName.isBlank()) {
            machineName = null; // the TC Portal sender leaves it empty when unknown: the same monitor as null
        }
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
        Map<String, String> labels = optionalLabels(report);
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

    /** Up to 16 string pairs; null or absent means none. */
    private static Map<String, String> optionalLabels(ObjectNode report) {
        JsonNode node = optional(report, "labels");
        if (node == null) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw RequestRejected.badRequest("labels must be a JSON object of string values, such as {\"county\":\"Taipei\"}");
        }
        if (node.size() > LABELS_MAX) {
            throw RequestRejected.badRequest("labels must have at most " + LABELS_MAX + " entries");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> label : node.properties()) {
            String name = label.getKey();
            if (name.isBlank() || name.length() > LABEL_NAME_MAX_CHARS) {
                throw RequestRejected.badRequest("labels names must be 1 to " + LABEL_NAME_MAX_CHARS
                        + " characters and not only spaces");
            }
            JsonNode value = label.getValue();
            if (!value.isTextual()) {
                throw RequestRejected.badRequest("labels." + name + " must be a string");
            }
            if (value.textValue().length() > LABEL_VALUE_MAX_CHARS) {
                throw RequestRejected.badRequest("labels." + name + " must be at most " + LABEL_VALUE_MAX_CHARS
                        + " characters");
            }
            labels.put(name, value.textValue());
        }
        return labels;
    }
}
