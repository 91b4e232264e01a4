package io.taskmon.notifier.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskmon.events.EventJson;
import io.taskmon.web.RequestRejected;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A request body that must be a JSON object, read field by field with one 400 sentence per bad field. */
final class JsonObjectBody {

    private final JsonNode json;
    private final String prefix;

    private JsonObjectBody(JsonNode json, String prefix) {
        this.json = json;
        this.prefix = prefix;
    }

    static JsonObjectBody parse(byte[] body, String example) {
        String expected = "The body must be a JSON object like " + example;
        if (body == null || body.length == 0) {
            throw RequestRejected.badRequest(expected);
        }
        JsonNode json;
        try {
            json = EventJson.mapper().readTree(body);
        } catch (IOException e) {
            throw RequestRejected.badRequest(expected + "; the body is not valid JSON");
        }
        if (json == null || !json.isObject()) {
            throw RequestRejected.badRequest(expected);
        }
        return new JsonObjectBody(json, "");
    }

    /** The object under {@code field}, or an empty one when absent or null. */
    JsonObjectBody object(String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return new JsonObjectBody(EventJson.mapper().createObjectNode(), prefix + field + ".");
        }
        if (!value.isObject()) {
            throw RequestRejected.badRequest(name(field) + " must be an object");
        }
        return new JsonObjectBody(value, prefix + field + ".");
    }

    String requiredText(String field, int maxLength) {
        String value = optionalText(field, maxLength);
        if (value == null || value.isBlank()) {
            throw RequestRejected.badRequest(name(field) + " is required and must be a string of 1 to "
                    + maxLength + " characters");
        }
        return value;
    }

    String optionalText(String field, int maxLength) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.textValue().length() > maxLength) {
            throw RequestRejected.badRequest(name(field) + " must be a string of at most " + maxLength + " characters");
        }
        return value.textValue();
    }

    /** A whole number from {@code min} to {@code max}; {@code what} ends the sentence when it is not. */
    long requiredWholeNumber(String field, long min, long max, String what) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            throw RequestRejected.badRequest(name(field) + " is required and must be " + what);
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < min || value.longValue() > max) {
            throw RequestRejected.badRequest(name(field) + " must be " + what + ", got " + value);
        }
        return value.longValue();
    }

    /** A list of strings; empty when absent or null. */
    List<String> texts(String field, int maxItems) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray() || value.size() > maxItems) {
            throw RequestRejected.badRequest(name(field) + " must be a list of at most " + maxItems + " strings");
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isTextual()) {
                throw RequestRejected.badRequest(name(field) + "[" + i + "] must be a string");
            }
            items.add(value.get(i).textValue());
        }
        return items;
    }

    boolean has(String field) {
        JsonNode value = json.get(field);
        return value != null && !value.isNull();
    }

    String name(String field) {
        return prefix + field;
    }
}
