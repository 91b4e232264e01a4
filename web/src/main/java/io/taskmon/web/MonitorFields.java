package io.taskmon.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The fields that name a monitor ({@code task_key}, {@code task_name}, {@code kind},
 * {@code machine_name}) and its {@code labels}, read from a JSON body with the report contract's
 * rules, or a rejection with one sentence naming the field. A report and the admin API's create
 * read them here, so a monitor created ahead of its first run has the id its reports will have.
 * A JSON {@code null} counts as absent, as TC Portal clients send it for "unknown".
 */
public final class MonitorFields {

    static final Pattern TASK_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}");
    static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    static final int TASK_NAME_MAX_CHARS = 200;
    static final int MACHINE_NAME_MAX_CHARS = 255;
    static final int LABELS_MAX = 16;
    static final int LABEL_NAME_MAX_CHARS = 64;
    static final int LABEL_VALUE_MAX_CHARS = 256;

    private MonitorFields() {
    }

    public static String taskKey(ObjectNode body) {
        String taskKey = requiredString(body, "task_key");
        if (!TASK_KEY.matcher(taskKey).matches()) {
            throw RequestRejected.badRequest("task_key must start with a letter or digit and contain only letters,"
                    + " digits, '_', '.', ':' or '-', at most 128 characters");
        }
        return taskKey;
    }

    public static String taskName(ObjectNode body) {
        String taskName = requiredString(body, "task_name");
        if (taskName.isBlank() || taskName.codePointCount(0, taskName.length()) > TASK_NAME_MAX_CHARS) {
            throw RequestRejected.badRequest("task_name must be 1 to 200 characters and not only spaces");
        }
        return taskName;
    }

    public static String kind(ObjectNode body) {
        String kind = requiredString(body, "kind");
        if (!KIND.matcher(kind).matches()) {
            throw RequestRejected.badRequest("kind must be a lowercase slug such as python, bat, shell or etl"
                    + " (a letter, then letters, digits, '_' or '-', at most 32 characters)");
        }
        return kind;
    }

    /** The machine name, or {@code null} when absent or empty: the same monitor either way. */
    public static String machineName(ObjectNode body) {
        JsonNode node = optional(body, "machine_name");
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw RequestRejected.badRequest("machine_name must be a string");
        }
        String value = node.textValue();
        if (value.length() > MACHINE_NAME_MAX_CHARS) {
            throw RequestRejected.badRequest("machine_name must be at most " + MACHINE_NAME_MAX_CHARS + " characters");
        }
        // the TC Portal sender leaves it empty when unknown: the same monitor as null
        return value.isBlank() ? null : value;
    }

    /** Up to 16 string pairs; null or absent means none. */
    public static Map<String, String> labels(ObjectNode body) {
        JsonNode node = optional(body, "labels");
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

    static String requiredString(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || !node.isTextual() || node.textValue().isEmpty()) {
            throw RequestRejected.badRequest(field + " is required and must be a string");
        }
        return node.textValue();
    }

    static JsonNode optional(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : node;
    }
}
