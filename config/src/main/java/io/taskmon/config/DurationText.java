package io.taskmon.config;

import java.time.Duration;
import java.util.Optional;

/**
 * taskmon's one duration grammar: a whole number and a unit, {@code 500ms}, {@code 30s}, {@code 5m},
 * {@code 2h} or {@code 7d}. Every setting, flag and API field that takes a duration uses it.
 */
public final class DurationText {

    /** How the grammar is described in error sentences. */
    public static final String EXAMPLES = "a whole number with a unit such as 500ms, 30s, 5m, 2h or 7d";

    private DurationText() {
    }

    /** The duration {@code text} spells, or empty when it does not follow the grammar. */
    public static Optional<Duration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.trim();
        int unitStart = 0;
        while (unitStart < value.length() && Character.isDigit(value.charAt(unitStart))) {
            unitStart++;
        }
        if (unitStart == 0 || unitStart > 15) {
            return Optional.empty();
        }
        long amount = Long.parseLong(value.substring(0, unitStart));
        try {
            return Optional.ofNullable(switch (value.substring(unitStart)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> null;
            });
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** The shortest text of the grammar that spells {@code duration}, e.g. {@code 90d} or {@code 1500ms}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis != 0 && millis % 86_400_000 == 0) {
            return millis / 86_400_000 + "d";
        }
        if (millis != 0 && millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis != 0 && millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        return millis + "ms";
    }
}
