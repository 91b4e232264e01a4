package io.taskmon.dashboard;

import io.micronaut.http.HttpRequest;
import io.taskmon.web.RequestRejected;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The query parameters of one request, read with the rule of each: a bad value, a repeated
 * parameter or an unknown one (usually a typo) is a 400 that names it, never a silent default.
 */
final class Params {

    private static final Pattern SLUG = Pattern.compile("^[a-z][a-z0-9_-]{0,31}$");
    private static final int ECHO_LIMIT = 60;

    private final HttpRequest<?> request;

    private Params(HttpRequest<?> request) {
        this.request = request;
    }

    /** The request's parameters, when every one is among {@code known}. */
    static Params of(HttpRequest<?> request, String... known) {
        Set<String> allowed = Set.of(known);
        for (String name : request.getParameters().names()) {
            if (!allowed.contains(name)) {
                throw RequestRejected.badRequest(allowed.isEmpty()
                        ? "Unknown parameter '" + clip(name) + "': this endpoint takes no parameters"
                        : "Unknown parameter '" + clip(name) + "': this endpoint takes "
                        + String.join(", ", List.of(known)));
            }
        }
        return new Params(request);
    }

    /** The trimmed value, or null when absent or blank. */
    String text(String name, int maxLength) {
        List<String> values = request.getParameters().getAll(name);
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw RequestRejected.badRequest(name + " may be given only once");
        }
        String value = values.get(0).trim();
        if (value.length() > maxLength) {
            throw RequestRejected.badRequest(name + " must be at most " + maxLength + " characters");
        }
        return value.isEmpty() ? null : value;
    }

    int bounded(String name, int fallback, int min, int max) {
        String value = text(name, 20);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below with the value given
        }
        throw RequestRejected.badRequest(name + " must be a whole number from " + min + " to " + max
                + ", got '" + clip(value) + "'");
    }

    /** One of {@code allowed} (case-insensitive, answered in lower case), or null when absent. */
    String choice(String name, List<String> allowed) {
        return choice(name, allowed, Map.of());
    }

    /**
     * As {@link #choice(String, List)}, also taking the old spellings still in use (answered as
     * the word each stands for); the error sentence lists only the current words.
     */
    String choice(String name, List<String> allowed, Map<String, String> oldSpellings) {
        String value = text(name, 100);
        if (value == null) {
            return null;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        lower = oldSpellings.getOrDefault(lower, lower);
        if (!allowed.contains(lower)) {
            throw RequestRejected.badRequest(name + " must be one of " + String.join(", ", allowed)
                    + ", got '" + clip(value) + "'");
        }
        return lower;
    }

    Boolean bool(String name) {
        String value = choice(name, List.of("true", "false"));
        return value == null ? null : Boolean.valueOf(value);
    }

    String slug(String name) {
        String value = text(name, 100);
        if (value != null && !SLUG.matcher(value).matches()) {
            throw RequestRejected.badRequest(name + " must be a lower-case slug like python or etl, got '"
                    + clip(value) + "'");
        }
        return value;
    }

    UUID uuid(String name) {
        String value = text(name, 100);
        return value == null ? null : uuid(name, value);
    }

    /** A path or query value that must be a UUID; its canonical form only, so one monitor has one URL. */
    static UUID uuid(String name, String value) {
        try {
            UUID id = UUID.fromString(value);
            if (id.toString().equalsIgnoreCase(value)) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw RequestRejected.badRequest(name + " must be a UUID like 3f2c5e1a-8b4d-5c6e-9f00-112233445566, got '"
                + clip(value) + "'");
    }

    /** An ILIKE pattern finding {@code text} anywhere, with the wildcards in it taken literally. */
    static String containsPattern(String text) {
        return text == null ? null
                : "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static String clip(String value) {
        return value.length() <= ECHO_LIMIT ? value : value.substring(0, ECHO_LIMIT) + "...";
    }
}
