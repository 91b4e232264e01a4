package io.taskmon.gateway;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.taskmon.events.EventJson;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The ingest contract's rules (the README's field table), written a second time, apart from
 * {@link ReportParser}, as the oracle of the property test: {@link #violation} names the first
 * rule a body breaks, or returns null when the gateway must accept it.
 */
final class ContractRules {

    private static final ObjectReader JSON = EventJson.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern TASK_KEY = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$");
    private static final Pattern KIND = Pattern.compile("^[a-z][a-z0-9_-]{0,31}$");
    private static final Pattern UUID_TEXT = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final Set<String> STATUSES = Set.of("success", "failed", "running", "pending");
    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private ContractRules() {
    }

    /** The body as JSON, or null when it is not exactly one JSON value. */
    static JsonNode read(byte[] body) {
        if (new String(body, StandardCharsets.UTF_8).isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    static String violation(byte[] body) {
        JsonNode report = read(body);
        if (report == null) {
            return "not one JSON value";
        }
        if (!report.isObject()) {
            return "not an object";
        }
        String problem = firstOf(
                requiredText(report, "task_key", v -> TASK_KEY.matcher(v).matches()),
                requiredText(report, "task_name",
                        v -> !v.isBlank() && v.codePointCount(0, v.length()) <= 200),
                requiredText(report, "kind", v -> KIND.matcher(v).matches()),
                requiredText(report, "status", STATUSES::contains),
                optionalText(report, "machine_name", 255),
                optionalText(report, "message", Integer.MAX_VALUE),
                optionalText(report, "log_url", 2048),
                optionalText(report, "run_id", 128),
                optionalText(report, "external_id", 256),
                optionalText(report, "event_id", 36),
                optionalText(report, "started_at", 64),
                optionalText(report, "finished_at", 64),
                optionalWhole(report, "duration_ms", BigInteger.ZERO, LONG_MAX),
                optionalWhole(report, "exit_code", INT_MIN, INT_MAX),
                optionalWhole(report, "records_processed", BigInteger.ZERO, LONG_MAX),
                optionalWhole(report, "records_failed", BigInteger.ZERO, LONG_MAX),
                optionalWhole(report, "attempt", BigInteger.ZERO, INT_MAX),
                optionalWhole(report, "max_attempts", BigInteger.ZERO, INT_MAX),
                optionalWhole(report, "alert_after_failures", BigInteger.ONE, BigInteger.valueOf(100)),
                labels(report));
        if (problem != null) {
            return problem;
        }
        JsonNode eventId = present(report, "event_id");
        if (eventId != null && !UUID_TEXT.matcher(eventId.textValue()).matches()) {
            return "event_id is not a UUID";
        }
        Instant started;
        Instant finished;
        try {
            started = instant(report, "started_at");
            finished = instant(report, "finished_at");
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return "a timestamp is not ISO-8601";
        }
        if (!storable(started) || !storable(finished)) {
            return "a timestamp PostgreSQL's timestamptz cannot hold";
        }
        if (started != null && finished != null && finished.isBefore(started)) {
            return "finished before started";
        }
        JsonNode attempt = present(report, "attempt");
        JsonNode maxAttempts = present(report, "max_attempts");
        if (attempt != null && maxAttempts != null && attempt.bigIntegerValue().compareTo(maxAttempts.bigIntegerValue()) > 0) {
            return "attempt above max_attempts";
        }
        return null;
    }

    private static String firstOf(String... problems) {
        for (String problem : problems) {
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static JsonNode present(JsonNode report, String field) {
        JsonNode node = report.get(field);
        return node == null || node.isNull() ? null : node;
    }

    private static String requiredText(JsonNode report, String field, java.util.function.Predicate<String> rule) {
        JsonNode node = report.get(field);
        if (node == null || !node.isTextual() || node.textValue().isEmpty()) {
            return field + " missing or not text";
        }
        return rule.test(node.textValue()) ? null : field + " breaks its rule";
    }

    private static String optionalText(JsonNode report, String field, int maxLength) {
        JsonNode node = present(report, field);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            return field + " not text";
        }
        return node.textValue().length() <= maxLength ? null : field + " too long";
    }

    private static String optionalWhole(JsonNode report, String field, BigInteger min, BigInteger max) {
        JsonNode node = present(report, field);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber()) {
            return field + " not a whole number";
        }
        BigInteger value = node.bigIntegerValue();
        return value.compareTo(min) >= 0 && value.compareTo(max) <= 0 ? null : field + " out of range";
    }

    private static String labels(JsonNode report) {
        JsonNode node = present(report, "labels");
        if (node == null) {
            return null;
        }
        if (!node.isObject() || node.size() > 16) {
            return "labels not an object of at most 16";
        }
        for (Map.Entry<String, JsonNode> label : node.properties()) {
            if (label.getKey().isBlank() || label.getKey().length() > 64) {
                return "label name";
            }
            if (!label.getValue().isTextual() || label.getValue().textValue().length() > 256) {
                return "label value";
            }
        }
        return null;
    }

    /** Julian day 0 to the last microsecond of 294276 AD, PostgreSQL's documented timestamptz range. */
    private static boolean storable(Instant instant) {
        return instant == null || (!instant.isBefore(Instant.parse("-4713-11-24T00:00:00Z"))
                && !instant.isAfter(Instant.parse("+294277-01-01T00:00:00Z").minusNanos(1_000)));
    }

    private static Instant instant(JsonNode report, String field) {
        JsonNode node = present(report, field);
        if (node == null) {
            return null;
        }
        String text = node.textValue();
        if (text.length() > 64) {
            throw new IllegalArgumentException("too long");
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        }
    }
}
