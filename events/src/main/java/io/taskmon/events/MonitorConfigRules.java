package io.taskmon.events;

import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Function;

/**
 * The field rules of a monitor configuration and their sentences, in plain Java with nothing
 * but {@code java.base}: the gateway applies them through {@link MonitorConfig#problem()}, and
 * the reporter, which carries no libraries, copies this one class into its jar to check its
 * schedule flags with the same words before it sends anything. Only the cron expression's own
 * grammar needs a cron library; the caller passes that check in.
 */
public final class MonitorConfigRules {

    public static final long MIN_INTERVAL_SECONDS = 10;
    /** A year: a job expected less often than yearly is better watched by a person. */
    public static final long MAX_INTERVAL_SECONDS = 31_536_000;
    /** Also the bound of grace and run times: nothing a schedule judges is further off. */
    public static final long MAX_SECONDS = MAX_INTERVAL_SECONDS;
    public static final int MAX_ALERT_AFTER_FAILURES = 100;
    public static final int MAX_RECOVER_AFTER_SUCCESSES = 100;
    /** Minute, hour, day of month, month, day of week: the cron every crontab speaks. */
    public static final int CRON_FIELDS = 5;

    private MonitorConfigRules() {
    }

    /**
     * The first thing wrong with these fields as one sentence naming the field (prefixed by
     * {@code monitor_config.}), or empty when they are fit to be kept.
     *
     * @param cronProblem what is wrong with a cron expression, as the end of a sentence starting
     *                    with its field name, or empty; {@link #cronShapeProblem} where no cron
     *                    library is at hand
     */
    public static Optional<String> problem(String cron, String timezone, Long intervalSeconds, Long graceSeconds,
                                           Long maxRuntimeSeconds, Long minRuntimeSeconds,
                                           Integer alertAfterFailures, Integer recoverAfterSuccesses,
                                           Function<String, Optional<String>> cronProblem) {
        if (cron != null && intervalSeconds != null) {
            return Optional.of("monitor_config must have either cron or interval_seconds, not both");
        }
        if (cron != null) {
            Optional<String> bad = cronProblem.apply(cron);
            if (bad.isPresent()) {
                return Optional.of("monitor_config.cron " + bad.get());
            }
        }
        if (timezone != null && zoneOrNull(timezone) == null) {
            return Optional.of("monitor_config.timezone must be an IANA time zone such as UTC, Asia/Taipei or"
                    + " Europe/Berlin, got '" + shortened(timezone) + "'");
        }
        if (intervalSeconds != null && (intervalSeconds < MIN_INTERVAL_SECONDS || intervalSeconds > MAX_INTERVAL_SECONDS)) {
            return Optional.of("monitor_config.interval_seconds must be a whole number from 10 to 31536000");
        }
        Optional<String> bad = seconds("grace_seconds", graceSeconds, 0);
        if (bad.isEmpty()) {
            bad = seconds("max_runtime_seconds", maxRuntimeSeconds, 1);
        }
        if (bad.isEmpty()) {
            bad = seconds("min_runtime_seconds", minRuntimeSeconds, 0);
        }
        if (bad.isPresent()) {
            return bad;
        }
        if (alertAfterFailures != null && (alertAfterFailures < 1 || alertAfterFailures > MAX_ALERT_AFTER_FAILURES)) {
            return Optional.of("monitor_config.alert_after_failures must be a whole number from 1 to 100");
        }
        if (recoverAfterSuccesses != null
                && (recoverAfterSuccesses < 1 || recoverAfterSuccesses > MAX_RECOVER_AFTER_SUCCESSES)) {
            return Optional.of("monitor_config.recover_after_successes must be a whole number from 1 to 100");
        }
        if (minRuntimeSeconds != null && maxRuntimeSeconds != null && minRuntimeSeconds >= maxRuntimeSeconds) {
            return Optional.of("monitor_config.min_runtime_seconds must be less than max_runtime_seconds");
        }
        return Optional.empty();
    }

    /** The part of a cron expression's rules that needs no cron library: its five fields. */
    public static Optional<String> cronShapeProblem(String expression) {
        String trimmed = expression.trim();
        int fields = trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
        if (fields != CRON_FIELDS) {
            return Optional.of("must have 5 fields (minute hour day-of-month month day-of-week) such as"
                    + " '0 2 * * *', got " + fields);
        }
        return Optional.empty();
    }

    private static Optional<String> seconds(String field, Long value, long min) {
        if (value != null && (value < min || value > MAX_SECONDS)) {
            return Optional.of("monitor_config." + field + " must be a whole number from " + min + " to " + MAX_SECONDS);
        }
        return Optional.empty();
    }

    private static ZoneId zoneOrNull(String timezone) {
        // Region ids only: an offset such as +08:00 has no daylight saving time and is rarely what
        // a schedule's owner means; "UTC" is the one non-region id people write.
        if (!timezone.equals("UTC") && !timezone.contains("/")) {
            return null;
        }
        try {
            return ZoneId.of(timezone);
        } catch (RuntimeException unknown) {
            return null;
        }
    }

    private static String shortened(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }
}
