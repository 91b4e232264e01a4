package io.taskmon.reporter;

import java.nio.charset.StandardCharsets;

/**
 * Writes one JSON object of strings and numbers, with at most objects of the same inside. Hand-written on purpose: a JSON library would double the
 * reporter's start time, and a run report is a handful of strings and numbers. Fields with a
 * {@code null} value are left out, as the gateway treats absent and null alike.
 */
final class JsonWriter {

    private final StringBuilder json = new StringBuilder(256).append('{');
    private boolean first = true;

    JsonWriter field(String name, String value) {
        if (value != null) {
            name(name);
            quote(value);
        }
        return this;
    }

    JsonWriter field(String name, Long value) {
        if (value != null) {
            name(name);
            json.append(value.longValue());
        }
        return this;
    }

    JsonWriter field(String name, Integer value) {
        return field(name, value == null ? null : Long.valueOf(value));
    }

    /** An object inside this one, left out when it is {@code null} or writes no field. */
    JsonWriter object(String name, java.util.function.Consumer<JsonWriter> fields) {
        if (fields != null) {
            JsonWriter inner = new JsonWriter();
            fields.accept(inner);
            if (!inner.first) {
                name(name);
                json.append(inner.json).append('}');
            }
        }
        return this;
    }

    byte[] toUtf8() {
        return (json + "}").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return json + "}";
    }

    private void name(String name) {
        if (!first) {
            json.append(',');
        }
        first = false;
        quote(name);
        json.append(':');
    }

    private void quote(String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c) && !validSurrogateAt(value, i)) {
                        // Control characters must be escaped; a lone surrogate (broken output) is
                        // not valid UTF-8 at all, so it becomes the replacement character.
                        json.append(String.format("\\u%04x", Character.isSurrogate(c) ? 0xfffd : (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    private static boolean validSurrogateAt(String value, int i) {
        char c = value.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
    }
}
