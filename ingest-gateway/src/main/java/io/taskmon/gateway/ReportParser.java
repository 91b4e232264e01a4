package io.taskmon.gateway;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.taskmon.events.EventJson;
import io.taskmon.events.MonitorId;
import io.taskmon.events.RunStatus;
import io.taskmon.events.TaskRunReported;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Turns a report body into a {@link TaskRunReported}, or rejects it with one sentence naming
 * the first field that is wrong (the TC Portal error shape). Unknown fields are ignored:
 * clients add fields over time.
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
    /** A longer message is kept, cut at this many UTF-8 bytes and marked, never rejected. */
    static final int MESSAGE_MAX_BYTES = 16 * 1024;
    static final String TRUNCATION_MARKER = " …[truncated]";

    /** Strict about what follows the object: {@code {...}x} is not a report. */
    private static final ObjectReader JSON = EventJson.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Clock clock;

    public ReportParser(Clock clock) {
        this.clock = clock;
    }

    public TaskRunReported parse(byte[] body) {
        return parse(readObject(body));
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
            throw RequestRejected.badRequest("status must be one of success, failed or running");
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
        String message = truncate(optionalString(report, "message", Integer.MAX_VALUE));
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

        return new TaskRunReported(TaskRunReported.SCHEMA_VERSION, eventId, runId,
                MonitorId.of(taskKey, kind, machineName), taskKey, taskName, kind, machineName, status,
                startedAt, finishedAt, durationMs, exitCode, message, logUrl, clock.instant(),
                recordsProcessed, recordsFailed, attempt, maxAttempts, externalId, labels, alertAfterFailures);
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

    private static ObjectNode readObject(byte[] body) {
        if (isBlank(body, 0, body == null ? 0 : body.length)) {
            throw RequestRejected.badRequest("The request body is empty; send the report as a JSON object");
        }
        JsonNode tree = readJson(body, 0, body.length, "The request body");
        if (!(tree instanceof ObjectNode object)) {
            throw RequestRejected.badRequest("The request body must be a JSON object");
        }
        return object;
    }

    /** One JSON value spanning exactly {@code bytes[offset, offset+length)}; {@code what} names it in errors. */
    static JsonNode readJson(byte[] bytes, int offset, int length, String what) {
        try {
            return JSON.readTree(bytes, offset, length);
        } catch (JacksonException e) {
            throw RequestRejected.badRequest(what + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw RequestRejected.badRequest(what + " could not be read as JSON");
        }
    }

    static boolean isBlank(byte[] bytes, int offset, int length) {
        if (bytes == null) {
            return true;
        }
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static String requiredString(ObjectNode report, String field) {
        JsonNode node = report.get(field);
        if (node == null || !node.isTextual() || node.textValue().isEmpty()) {
            throw RequestRejected.badRequest(field + " is required and must be a string");
        }
        return node.textValue();
    }

    private static JsonNode optional(ObjectNode report, String field) {
        JsonNode node = report.get(field);
        return node == null || node.isNull() ? null : node;
    }

    private static String optionalString(ObjectNode report, String field, int maxChars) {
        JsonNode node = optional(report, field);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw RequestRejected.badRequest(field + " must be a string");
        }
        String value = node.textValue();
        if (value.length() > maxChars) {
            throw RequestRejected.badRequest(field + " must be at most " + maxChars + " characters");
        }
        return value;
    }

    private static Integer optionalInt(ObjectNode report, String field) {
        JsonNode node = optional(report, field);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw RequestRejected.badRequest(field + " must be a whole number");
        }
        return node.intValue();
    }

    private static Integer optionalNonNegativeInt(ObjectNode report, String field) {
        JsonNode node = optional(report, field);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0) {
            throw RequestRejected.badRequest(field + " must be a whole number of 0 or more");
        }
        return node.intValue();
    }

    private static Long optionalNonNegativeLong(ObjectNode report, String field) {
        JsonNode node = optional(report, field);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
            throw RequestRejected.badRequest(field + " must be a whole number of 0 or more");
        }
        return node.longValue();
    }

    private static UUID optionalUuid(ObjectNode report, String field) {
        String value = optionalString(report, field, 36);
        if (value == null) {
            return null;
        }
        try {
            UUID uuid = UUID.fromString(value);
            if (!uuid.toString().equalsIgnoreCase(value)) {
                throw new IllegalArgumentException("not canonical");
            }
            return uuid;
        } catch (IllegalArgumentException e) {
            throw RequestRejected.badRequest(field + " must be a UUID such as 3f2b8c1e-9a4d-4e8b-b1a2-6c0d5e7f8a9b");
        }
    }

    /** ISO-8601 with an offset or {@code Z}; a time without an offset is UTC. */
    private static Instant optionalInstant(ObjectNode report, String field) {
        String value = optionalString(report, field, 64);
        if (value == null) {
            return null;
        }
        try {
            return StorableInstant.require(field, Timestamps.parse(value));
        } catch (DateTimeParseException notIso) {
            throw RequestRejected.badRequest(field + " must be an ISO-8601 timestamp such as 2026-01-22T09:00:00Z");
        }
    }

    static String truncate(String message) {
        if (message == null) {
            return null;
        }
        byte[] utf8 = message.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= MESSAGE_MAX_BYTES) {
            return message;
        }
        int budget = MESSAGE_MAX_BYTES - TRUNCATION_MARKER.getBytes(StandardCharsets.UTF_8).length;
        int end = 0;
        int bytes = 0;
        while (end < message.length()) {
            int codePoint = message.codePointAt(end);
            int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes + size > budget) {
                break;
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        return message.substring(0, end) + TRUNCATION_MARKER;
    }
}
