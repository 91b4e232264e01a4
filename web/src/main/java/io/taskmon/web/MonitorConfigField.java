package io.taskmon.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.taskmon.events.MonitorConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The {@code monitor_config} object of a report or of the admin API's monitor bodies as a
 * {@link MonitorConfig}, or a rejection with one sentence naming the bad field
 * ({@code monitor_config.timezone ...}). The types are checked here; what the values mean (a cron
 * expression, a zone, the ranges) is the contract's {@link MonitorConfig#problem()}, which
 * monitor-streams applies too.
 */
public final class MonitorConfigField {

    static final String FIELD = "monitor_config";
    private static final int CRON_MAX_CHARS = 256;
    private static final int TIMEZONE_MAX_CHARS = 64;

    private MonitorConfigField() {
    }

    /** The configuration, or {@code null} when the report carries none (absent or JSON null). */
    public static MonitorConfig optional(ObjectNode body) {
        JsonNode node = MonitorFields.optional(body, FIELD);
        if (node == null) {
            return null;
        }
        return parse(node);
    }

    /** The configuration a body must carry (the admin API's replacement of one). */
    public static MonitorConfig required(ObjectNode body) {
        JsonNode node = MonitorFields.optional(body, FIELD);
        if (node == null) {
            throw RequestRejected.badRequest(FIELD + " is required and must be a JSON object such as"
                    + " {\"interval_seconds\":3600}");
        }
        return parse(node);
    }

    private static MonitorConfig parse(JsonNode node) {
        if (!(node instanceof ObjectNode config)) {
            throw RequestRejected.badRequest(FIELD + " must be a JSON object such as"
                    + " {\"cron\":\"0 2 * * *\",\"timezone\":\"Asia/Taipei\"}");
        }
        MonitorConfig parsed = new MonitorConfig(
                string(config, "cron", CRON_MAX_CHARS),
                string(config, "timezone", TIMEZONE_MAX_CHARS),
                whole(config, "interval_seconds"),
                whole(config, "grace_seconds"),
                whole(config, "max_runtime_seconds"),
                whole(config, "min_runtime_seconds"),
                smallWhole(config, "alert_after_failures"),
                smallWhole(config, "recover_after_successes"),
                monitorIds(config, "depends_on"));
        parsed.problem().ifPresent(sentence -> {
            throw RequestRejected.badRequest(sentence);
        });
        return parsed;
    }

    private static String string(ObjectNode config, String field, int maxChars) {
        JsonNode node = MonitorFields.optional(config, field);
        if (node == null) {
            return null;
        }
        if (!node.isTextual() || node.textValue().isBlank()) {
            throw RequestRejected.badRequest(FIELD + "." + field + " must be a non-empty string");
        }
        if (node.textValue().length() > maxChars) {
            throw RequestRejected.badRequest(FIELD + "." + field + " must be at most " + maxChars + " characters");
        }
        return node.textValue();
    }

    private static List<UUID> monitorIds(ObjectNode config, String field) {
        JsonNode node = MonitorFields.optional(config, field);
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            throw RequestRejected.badRequest(FIELD + "." + field + " must be a list of monitor ids");
        }
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode id = node.get(i);
            try {
                ids.add(UUID.fromString(id.isTextual() ? id.textValue() : ""));
            } catch (IllegalArgumentException e) {
                throw RequestRejected.badRequest(FIELD + "." + field + "[" + i + "] must be a monitor id (a UUID), got "
                        + id);
            }
        }
        return ids;
    }

    private static Long whole(ObjectNode config, String field) {
        JsonNode node = MonitorFields.optional(config, field);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw RequestRejected.badRequest(FIELD + "." + field + " must be a whole number of seconds");
        }
        return node.longValue();
    }

    private static Integer smallWhole(ObjectNode config, String field) {
        JsonNode node = MonitorFields.optional(config, field);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw RequestRejected.badRequest(FIELD + "." + field + " must be a whole number from 1 to 100");
        }
        return node.intValue();
    }
}
