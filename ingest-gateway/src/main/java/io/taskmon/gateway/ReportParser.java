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
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
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
        ObjectNode report = readObject(body);

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

        return new TaskRunReported(TaskRunReported.SCHEMA_VERSION, eventId, runId,
                MonitorId.of(taskKey, kind, machineName), taskKey, taskName, kind, machineName, status,
                startedAt, finishedAt, durationMs, exitCode, message, logUrl, clock.instant(),
                null, null, null, null, null, null, null);
    }

    private static ObjectNode readObject(byte[] body) {
        if (body == null || body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
            throw RequestRejected.badRequest("The request body is empty; send the report as a JSON object");
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (JacksonException e) {
            throw RequestRejected.badRequest("The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw RequestRejected.badRequest("The request body could not be read as JSON");
        }
        if (!(tree instanceof ObjectNode object)) {
            throw RequestRejected.badRequest("The request body must be a JSON object");
        }
        return object;
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
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException withOffset) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException withoutOffset) {
                throw RequestRejected.badRequest(field + " must be an ISO-8601 timestamp such as 2026-01-22T09:00:00Z");
            }
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
