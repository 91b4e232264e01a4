package io.taskmon.streams;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The rules monitor-streams applies, with their defaults. The topology is built from one of
 * these and reads no other setting.
 *
 * @param alertAfterFailures  failures in a row that raise a FAILING alert when a report sets no
 *                            {@code alert_after_failures} of its own (1..100)
 * @param reminderInterval    while an alert stays open and the monitor is enabled, one REMINDER
 *                            per interval of wall-clock time since the last alert or reminder
 * @param etlStallTimeout     a running ETL job silent for this long gets an ETL_STALLED alert
 * @param punctuationInterval how often the wall clock is checked for due reminders and stalled
 *                            jobs: a reminder or stall alert is at most this late
 * @param eventIdMemory       how long (by record time) a monitor's event ids are remembered to
 *                            drop duplicate reports; a retry later than this counts again
 * @param statsRetention      how long an hour's stats stay updatable; a run finishing in an
 *                            older hour still counts in the status totals but no longer changes
 *                            that hour, whose last published totals stay as they are
 */
public record MonitorRules(
        int alertAfterFailures,
        Duration reminderInterval,
        Duration etlStallTimeout,
        Duration punctuationInterval,
        Duration eventIdMemory,
        Duration statsRetention) {

    public static final int MIN_ALERT_AFTER_FAILURES = 1;
    public static final int MAX_ALERT_AFTER_FAILURES = 100;

    public MonitorRules {
        if (alertAfterFailures < MIN_ALERT_AFTER_FAILURES || alertAfterFailures > MAX_ALERT_AFTER_FAILURES) {
            throw new IllegalArgumentException("alert after failures must be from 1 to 100, got " + alertAfterFailures);
        }
        requirePositive("reminder interval", reminderInterval);
        requirePositive("ETL stall timeout", etlStallTimeout);
        requirePositive("punctuation interval", punctuationInterval);
        requirePositive("event id memory", eventIdMemory);
        requirePositive("stats retention", statsRetention);
    }

    /**
     * Three failures in a row: one failure is often a blip (a network hiccup, a locked file), three
     * is a pattern. A reminder an hour while it stays broken; an ETL job that heartbeats every few
     * seconds and says nothing for 5 minutes is stuck. Wall-clock checks every 10 s keep alerts
     * timely without scanning the open alerts too often. A week of event ids covers a reporter's
     * spool and retries; a week of updatable hours covers late reports from machines that were off.
     */
    public static MonitorRules defaults() {
        return new MonitorRules(3, Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofSeconds(10),
                Duration.ofDays(7), Duration.ofDays(7));
    }

    public MonitorRules withAlertAfterFailures(int failures) {
        return new MonitorRules(failures, reminderInterval, etlStallTimeout, punctuationInterval, eventIdMemory,
                statsRetention);
    }

    public MonitorRules withReminderInterval(Duration interval) {
        return new MonitorRules(alertAfterFailures, interval, etlStallTimeout, punctuationInterval, eventIdMemory,
                statsRetention);
    }

    public MonitorRules withEtlStallTimeout(Duration timeout) {
        return new MonitorRules(alertAfterFailures, reminderInterval, timeout, punctuationInterval, eventIdMemory,
                statsRetention);
    }

    public MonitorRules withPunctuationInterval(Duration interval) {
        return new MonitorRules(alertAfterFailures, reminderInterval, etlStallTimeout, interval, eventIdMemory,
                statsRetention);
    }

    /**
     * The rules from environment variables, each falling back to its default:
     * TASKMON_ALERT_AFTER_FAILURES, TASKMON_REMINDER_INTERVAL, TASKMON_ETL_STALL_TIMEOUT,
     * TASKMON_PUNCTUATION_INTERVAL, TASKMON_EVENT_ID_MEMORY, TASKMON_STATS_RETENTION. Durations are
     * ISO-8601 ({@code PT30M}) or a number with a unit ({@code 500ms}, {@code 30s}, {@code 5m},
     * {@code 1h}, {@code 7d}).
     *
     * @throws IllegalArgumentException with one sentence naming the variable, for a bad value
     */
    public static MonitorRules fromEnvironment(Map<String, String> env) {
        MonitorRules d = defaults();
        String failures = text(env, "TASKMON_ALERT_AFTER_FAILURES");
        int alertAfter = d.alertAfterFailures();
        if (failures != null) {
            try {
                alertAfter = Integer.parseInt(failures);
            } catch (NumberFormatException e) {
                alertAfter = -1;
            }
            if (alertAfter < MIN_ALERT_AFTER_FAILURES || alertAfter > MAX_ALERT_AFTER_FAILURES) {
                throw new IllegalArgumentException(
                        "TASKMON_ALERT_AFTER_FAILURES must be a whole number from 1 to 100, got '" + failures + "'");
            }
        }
        return new MonitorRules(alertAfter,
                duration(env, "TASKMON_REMINDER_INTERVAL", d.reminderInterval()),
                duration(env, "TASKMON_ETL_STALL_TIMEOUT", d.etlStallTimeout()),
                duration(env, "TASKMON_PUNCTUATION_INTERVAL", d.punctuationInterval()),
                duration(env, "TASKMON_EVENT_ID_MEMORY", d.eventIdMemory()),
                duration(env, "TASKMON_STATS_RETENTION", d.statsRetention()));
    }

    /** A positive duration from {@code value} (see {@link #fromEnvironment}), or an error naming {@code name}. */
    static Duration parseDuration(String name, String value) {
        String v = value.trim();
        Duration parsed = null;
        try {
            if (v.startsWith("P") || v.startsWith("p")) {
                parsed = Duration.parse(v);
            } else if (v.endsWith("ms")) {
                parsed = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            } else if (!v.isEmpty()) {
                long amount = Long.parseLong(v.substring(0, v.length() - 1));
                parsed = switch (v.charAt(v.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    case 'd' -> Duration.ofDays(amount);
                    default -> null;
                };
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            parsed = null;
        }
        if (parsed == null || parsed.isNegative() || parsed.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration such as 30s, 5m, 1h or PT30M, got '"
                    + value + "'");
        }
        return parsed;
    }

    private static Duration duration(Map<String, String> env, String name, Duration fallback) {
        String value = text(env, name);
        return value == null ? fallback : parseDuration(name, value);
    }

    private static String text(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + value);
        }
    }
}
