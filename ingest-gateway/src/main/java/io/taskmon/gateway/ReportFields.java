package io.taskmon.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.taskmon.events.IsoInstantCodec;
import io.taskmon.web.RequestRejected;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * One field of a report as the type it must have, or a rejection with one sentence naming the
 * field. A JSON {@code null} counts as absent, as TC Portal clients send it for "unknown".
 */
final class ReportFields {

    private static final int UUID_CHARS = 36;
    private static final int TIMESTAMP_MAX_CHARS = 64;

    private ReportFields() {
    }

    static String requiredString(ObjectNode report, String field) {
        JsonNode node = report.get(field);
        if (node == null || !node.isTextual() || node.textValue().isEmpty()) {
            throw RequestRejected.badRequest(field + " is required and must be a string");
        }
        return node.textValue();
    }

    static JsonNode optional(ObjectNode report, String field) {
        JsonNode node = report.get(field);
        return node == null || node.isNull() ? null : node;
    }

    static String optionalString(ObjectNode report, String field, int maxChars) {
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

    static Integer optionalInt(ObjectNode report, String field) {
        JsonNode node = optional(report, field);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw RequestRejected.badRequest(field + " must be a whole number");
        }
        return node.intValue();
    }

    static Integer optionalNonNegativeInt(ObjectNode report, String field) {
        JsonNode node = optional(report, field);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0) {
            throw RequestRejected.badRequest(field + " must be a whole number of 0 or more");
        }
        return node.intValue();
    }

    static Long optionalNonNegativeLong(ObjectNode report, String field) {
        JsonNode node = optional(report, field);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
            throw RequestRejected.badRequest(field + " must be a whole number of 0 or more");
        }
        return node.longValue();
    }

    /** A UUID in its canonical text form only, so that one event id has one spelling. */
    static UUID optionalUuid(ObjectNode report, String field) {
        String value = optionalString(report, field, UUID_CHARS);
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
    static Instant optionalInstant(ObjectNode report, String field) {
        String value = optionalString(report, field, TIMESTAMP_MAX_CHARS);
        if (value == null) {
            return null;
        }
        try {
            return StorableInstant.require(field, IsoInstantCodec.parse(value));
        } catch (DateTimeParseException notIso) {
            throw RequestRejected.badRequest(field + " must be an ISO-8601 timestamp such as 2026-01-22T09:00:00Z");
        }
    }
}
