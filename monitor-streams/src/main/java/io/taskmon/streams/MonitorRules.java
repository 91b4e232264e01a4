package io.taskmon.streams;

import io.taskmon.config.Settings;
import java.time.Duration;

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
 * @param clock               how the gateways' clock ticks are read: the gap that is an outage,
 *                            the settle period after one, and when a gateway counts as stopped
 * @param etlErrorBurst       how many rejected rows within how long raise an ETL_ERROR_BURST alert
 */
public record MonitorRules(
        int alertAfterFailures,
        Duration reminderInterval,
        Duration etlStallTimeout,
        Duration punctuationInterval,
        Duration eventIdMemory,
        Duration statsRetention,
        ClockRules clock,
        ErrorBurstRules etlErrorBurst) {

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
        if (clock == null) {
            throw new IllegalArgumentException("clock rules are required");
        }
        if (etlErrorBurst == null) {
            throw new IllegalArgumentException("ETL error burst rules are required");
        }
    }

    /** Rules with the default ETL error burst rules. */
    public MonitorRules(int alertAfterFailures, Duration reminderInterval, Duration etlStallTimeout,
                        Duration punctuationInterval, Duration eventIdMemory, Duration statsRetention,
                        ClockRules clock) {
        this(alertAfterFailures, reminderInterval, etlStallTimeout, punctuationInterval, eventIdMemory, statsRetention,
                clock, ErrorBurstRules.defaults());
    }

    /** Rules with the default clock rules. */
    public MonitorRules(int alertAfterFailures, Duration reminderInterval, Duration etlStallTimeout,
                        Duration punctuationInterval, Duration eventIdMemory, Duration statsRetention) {
        this(alertAfterFailures, reminderInterval, etlStallTimeout, punctuationInterval, eventIdMemory, statsRetention,
                ClockRules.defaults());
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
                statsRetention, clock, etlErrorBurst);
    }

    public MonitorRules withReminderInterval(Duration interval) {
        return new MonitorRules(alertAfterFailures, interval, etlStallTimeout, punctuationInterval, eventIdMemory,
                statsRetention, clock, etlErrorBurst);
    }

    public MonitorRules withEtlStallTimeout(Duration timeout) {
        return new MonitorRules(alertAfterFailures, reminderInterval, timeout, punctuationInterval, eventIdMemory,
                statsRetention, clock, etlErrorBurst);
    }

    public MonitorRules withClock(ClockRules rules) {
        return new MonitorRules(alertAfterFailures, reminderInterval, etlStallTimeout, punctuationInterval, eventIdMemory,
                statsRetention, rules, etlErrorBurst);
    }

    public MonitorRules withEtlErrorBurst(ErrorBurstRules rules) {
        return new MonitorRules(alertAfterFailures, reminderInterval, etlStallTimeout, punctuationInterval, eventIdMemory,
                statsRetention, clock, rules);
    }

    public MonitorRules withPunctuationInterval(Duration interval) {
        return new MonitorRules(alertAfterFailures, reminderInterval, etlStallTimeout, interval, eventIdMemory,
                statsRetention, clock, etlErrorBurst);
    }

    /** The variable that used to name {@code statsRetention}, a word apart from the projector's stats history. */
    static final String OLD_STATS_RETENTION = "TASKMON_STATS_RETENTION";

    /**
     * The rules from their settings, each falling back to its default: TASKMON_ALERT_AFTER_FAILURES,
     * TASKMON_REMINDER_INTERVAL, TASKMON_ETL_STALL_TIMEOUT, TASKMON_PUNCTUATION_INTERVAL,
     * TASKMON_EVENT_ID_MEMORY, TASKMON_STATS_LATE_RUN_WINDOW (formerly TASKMON_STATS_RETENTION),
     * TASKMON_CLOCK_GAP, TASKMON_CLOCK_SETTLE, TASKMON_CLOCK_LIVENESS, TASKMON_ETL_ERROR_BURST_ROWS and
     * TASKMON_ETL_ERROR_BURST_WINDOW.
     *
     * @throws io.taskmon.config.SettingsException with one sentence naming the variable, for a bad value
     */
    public static MonitorRules read(Settings settings) {
        MonitorRules d = defaults();
        settings.renamed(OLD_STATS_RETENTION, "TASKMON_STATS_LATE_RUN_WINDOW");
        return new MonitorRules(
                settings.integer("TASKMON_ALERT_AFTER_FAILURES", d.alertAfterFailures(), MIN_ALERT_AFTER_FAILURES,
                        MAX_ALERT_AFTER_FAILURES),
                settings.duration("TASKMON_REMINDER_INTERVAL", d.reminderInterval()),
                settings.duration("TASKMON_ETL_STALL_TIMEOUT", d.etlStallTimeout()),
                settings.duration("TASKMON_PUNCTUATION_INTERVAL", d.punctuationInterval()),
                settings.duration("TASKMON_EVENT_ID_MEMORY", d.eventIdMemory()),
                settings.duration("TASKMON_STATS_LATE_RUN_WINDOW", d.statsRetention()),
                new ClockRules(settings.duration("TASKMON_CLOCK_GAP", d.clock().gap()),
                        settings.duration("TASKMON_CLOCK_SETTLE", d.clock().settle()),
                        settings.duration("TASKMON_CLOCK_LIVENESS", d.clock().liveness())),
                new ErrorBurstRules(settings.integer("TASKMON_ETL_ERROR_BURST_ROWS", d.etlErrorBurst().rows(),
                        ErrorBurstRules.MIN_ROWS, ErrorBurstRules.MAX_ROWS),
                        settings.duration("TASKMON_ETL_ERROR_BURST_WINDOW", d.etlErrorBurst().window())));
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + value);
        }
    }
}
