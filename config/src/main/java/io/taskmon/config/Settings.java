package io.taskmon.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The one way every taskmon process reads its settings: environment variables named {@code TASKMON_*}
 * (plus {@code KAFKA_BOOTSTRAP_SERVERS}, {@code PG_URL}, {@code PG_USER} and {@code PG_PASSWORD}).
 * Each service turns what it reads into one typed settings record; nothing below a service's entry
 * point reads the environment.
 *
 * <p>Every read is remembered with its value and where it came from, so {@code ./taskmon config} can
 * print the whole configuration (secrets masked). A bad value is a {@link SettingsException} with one
 * sentence naming the variable. A renamed variable still works under its old name, with one warning.
 */
public final class Settings {

    /** Kafka client properties are passed through from {@code TASKMON_KAFKA_<PROPERTY>}. */
    public static final String KAFKA_PREFIX = "TASKMON_KAFKA_";

    private final Map<String, String> environment;
    private final Consumer<String> warnings;
    private final Map<String, Renaming> renamedFrom = new LinkedHashMap<>();
    private final Map<String, SettingValue> read = new LinkedHashMap<>();
    private final Set<String> warned = new java.util.HashSet<>();
    /** Settings whose value came from an old name: the old name and the value as the user wrote it. */
    private final Map<String, Renamed> givenAsOldName = new java.util.HashMap<>();

    public Settings(Map<String, String> environment, Consumer<String> warnings) {
        this.environment = Map.copyOf(environment);
        this.warnings = warnings;
    }

    /** This process's environment; warnings go to standard error, one line each. */
    public static Settings fromEnvironment() {
        return new Settings(System.getenv(), line -> System.err.println("taskmon: warning: " + line));
    }

    /**
     * Declares that {@code newName} used to be called {@code oldName}. Reading {@code newName} falls
     * back to the old name, with one warning; {@code convert} turns an old value into the new grammar
     * (e.g. a number of days into {@code 90d}).
     */
    public Settings renamed(String oldName, String newName, UnaryOperator<String> convert) {
        renamedFrom.put(newName, new Renaming(oldName, convert));
        return this;
    }

    public Settings renamed(String oldName, String newName) {
        return renamed(oldName, newName, UnaryOperator.identity());
    }

    /** The variable's trimmed text, or {@code fallback} when it is unset or blank. */
    public String text(String name, String fallback) {
        return lookup(name, false).orElseGet(() -> remember(name, fallback, false, null));
    }

    /** The variable's trimmed text, or empty when it is unset or blank. */
    public Optional<String> optionalText(String name) {
        Optional<String> value = lookup(name, false);
        if (value.isEmpty()) {
            remember(name, null, false, null);
        }
        return value;
    }

    /** Like {@link #optionalText} for a password or key: its value is never shown. */
    public Optional<String> secret(String name) {
        Optional<String> value = lookup(name, true);
        if (value.isEmpty()) {
            remember(name, null, true, null);
        }
        return value;
    }

    /** Like {@link #secret(String)} with a default, which is masked in the report too. */
    public String secret(String name, String fallback) {
        return lookup(name, true).orElseGet(() -> remember(name, fallback, true, null));
    }

    /** A comma-separated list of non-blank items, empty when unset. */
    public List<String> list(String name, boolean secret) {
        Optional<String> value = secret ? secret(name) : optionalText(name);
        return value.map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    public int integer(String name, int fallback, int min, int max) {
        return wholeNumber(name, fallback, min, max, "a whole number from " + min + " to " + max);
    }

    public int port(String name, int fallback) {
        return wholeNumber(name, fallback, 0, 65535, "a port number from 0 to 65535");
    }

    private int wholeNumber(String name, int fallback, int min, int max, String expected) {
        Optional<String> value = lookup(name, false);
        if (value.isEmpty()) {
            remember(name, Integer.toString(fallback), false, null);
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.get());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below with the value the user gave
        }
        throw invalid(name, expected, value.get());
    }

    public boolean flag(String name, boolean fallback) {
        Optional<String> value = lookup(name, false);
        if (value.isEmpty()) {
            remember(name, Boolean.toString(fallback), false, null);
            return fallback;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw invalid(name, "true or false", value.get());
        };
    }

    /** A positive duration in taskmon's grammar ({@link DurationText}). */
    public Duration duration(String name, Duration fallback) {
        return duration(name, fallback, false);
    }

    /** A duration in taskmon's grammar where {@code 0} (any unit) is allowed and means "off". */
    public Duration durationOrZero(String name, Duration fallback) {
        return duration(name, fallback, true);
    }

    private Duration duration(String name, Duration fallback, boolean zeroAllowed) {
        Optional<String> value = lookup(name, false);
        if (value.isEmpty()) {
            remember(name, fallback == null ? null : DurationText.format(fallback), false, null);
            return fallback;
        }
        Optional<Duration> parsed = DurationText.parse(value.get());
        if (parsed.isEmpty() && (value.get().startsWith("P") || value.get().startsWith("p"))) {
            parsed = isoDuration(name, value.get());
        }
        if (parsed.isEmpty() && zeroAllowed && value.get().equals("0")) {
            parsed = Optional.of(Duration.ZERO);
        }
        if (parsed.isEmpty() || parsed.get().isNegative() || (parsed.get().isZero() && !zeroAllowed)) {
            throw invalid(name, (zeroAllowed ? "0 or " : "a positive duration, ") + DurationText.EXAMPLES, value.get());
        }
        return parsed.get();
    }

    /**
     * The sentence for a bad value, naming the variable the user actually set: under an old name, that
     * name (and the new one), with the value as written there.
     */
    private SettingsException invalid(String name, String expected, String value) {
        Renamed old = givenAsOldName.get(name);
        String subject = old == null ? name : old.name() + " (now " + name + ")";
        String given = old == null ? value : old.value();
        return new SettingsException(subject + " must be " + expected + ", got '" + given + "'");
    }

    /** ISO-8601 durations ({@code PT30M}) were accepted before taskmon had one grammar; they still work, with a warning. */
    private Optional<Duration> isoDuration(String name, String value) {
        try {
            Duration duration = Duration.parse(value);
            if (warned.add(name + "=iso")) {
                warnings.accept(name + "=" + value + " is an ISO-8601 duration, which still works for now; please write "
                        + DurationText.format(duration) + " instead");
            }
            return Optional.of(duration);
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Kafka client properties passed through from the environment: {@code TASKMON_KAFKA_SECURITY_PROTOCOL=SASL_SSL}
     * becomes {@code security.protocol=SASL_SSL}. Every Kafka client taskmon makes (producers, consumers,
     * Kafka Streams, admin) applies them on top of its own settings, so a managed or secured cluster works.
     *
     * @param reserved variables with the prefix that are taskmon's own settings, not client properties
     */
    public Map<String, String> kafkaClientProperties(Set<String> reserved) {
        Map<String, String> properties = new TreeMap<>();
        for (Map.Entry<String, String> entry : new TreeMap<>(environment).entrySet()) {
            String name = entry.getKey();
            if (!name.startsWith(KAFKA_PREFIX) || reserved.contains(name) || entry.getValue().isBlank()) {
                continue;
            }
            String property = name.substring(KAFKA_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
            if (property.isEmpty()) {
                continue;
            }
            properties.put(property, entry.getValue().trim());
            boolean secret = isSecretProperty(property);
            read.putIfAbsent(name, new SettingValue(name, entry.getValue().trim(), secret,
                    "environment, passed to Kafka as " + property));
        }
        return Collections.unmodifiableMap(properties);
    }

    /** Every setting read so far, in reading order: its value (null when unset) and where it came from. */
    public List<SettingValue> report() {
        return new ArrayList<>(read.values());
    }

    private Optional<String> lookup(String name, boolean secret) {
        String value = environment.get(name);
        if (value != null && !value.isBlank()) {
            remember(name, value.trim(), secret, "environment");
            return Optional.of(value.trim());
        }
        Renaming renaming = renamedFrom.get(name);
        if (renaming != null) {
            String old = environment.get(renaming.oldName());
            if (old != null && !old.isBlank()) {
                if (warned.add(renaming.oldName())) {
                    warnings.accept(renaming.oldName() + " is now called " + name + "; the old name still works"
                            + " for now, please rename it");
                }
                String converted = renaming.convert().apply(old.trim());
                givenAsOldName.put(name, new Renamed(renaming.oldName(), old.trim()));
                remember(name, converted, secret, "environment, as " + renaming.oldName());
                return Optional.of(converted);
            }
        }
        return Optional.empty();
    }

    private String remember(String name, String value, boolean secret, String source) {
        read.putIfAbsent(name, new SettingValue(name, value, secret, source == null ? "default" : source));
        return value;
    }

    private static boolean isSecretProperty(String property) {
        return property.contains("password") || property.contains("secret") || property.contains("jaas")
                || property.endsWith(".key");
    }

    private record Renaming(String oldName, UnaryOperator<String> convert) {
    }

    private record Renamed(String name, String value) {
    }
}
