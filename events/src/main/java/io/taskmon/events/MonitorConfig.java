package io.taskmon.events;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * When a monitor expects its runs and how its runs are judged, as a report's optional
 * {@code monitor_config} carries it: the latest report that carries one sets it. Exactly one of
 * {@code cron} and {@code intervalSeconds}, or neither (then no run is ever missed, only judged).
 *
 * @param cron                  a five-field cron expression, evaluated in {@code timezone}
 * @param timezone              an IANA zone; {@code null} means UTC
 * @param intervalSeconds       instead of {@code cron}: a run is expected this long after the last one started
 * @param graceSeconds          how late a run may start before it is missed; {@code null} for the default
 * @param maxRuntimeSeconds     a started run not finished after this long is a timeout
 * @param minRuntimeSeconds     a successful run shorter than this counts as failed ("too short")
 * @param alertAfterFailures    failures in a row that raise FAILING (1..100)
 * @param recoverAfterSuccesses successes in a row that close an open alert; {@code null} means 1
 * @param dependsOn             monitor ids this monitor depends on: while one of them has an alert
 *                              open, this monitor's alerts are suppressed, not sent; {@code null} or
 *                              empty when it depends on none
 */
public record MonitorConfig(
        String cron,
        String timezone,
        Long intervalSeconds,
        Long graceSeconds,
        Long maxRuntimeSeconds,
        Long minRuntimeSeconds,
        Integer alertAfterFailures,
        Integer recoverAfterSuccesses,
        List<UUID> dependsOn) {

    public static final long MIN_INTERVAL_SECONDS = MonitorConfigRules.MIN_INTERVAL_SECONDS;
    public static final long MAX_INTERVAL_SECONDS = MonitorConfigRules.MAX_INTERVAL_SECONDS;
    public static final long MAX_SECONDS = MonitorConfigRules.MAX_SECONDS;
    public static final int MAX_ALERT_AFTER_FAILURES = MonitorConfigRules.MAX_ALERT_AFTER_FAILURES;
    public static final int MAX_RECOVER_AFTER_SUCCESSES = MonitorConfigRules.MAX_RECOVER_AFTER_SUCCESSES;
    public static final int MAX_DEPENDS_ON = 20;
    /** How late a cron run may start by default: a busy machine's cron can lag minutes. */
    static final Duration DEFAULT_CRON_GRACE = Duration.ofMinutes(5);
    /** The smallest default grace: an interval monitor's 20% of 10 s would flap on any delay. */
    static final Duration MIN_DEFAULT_GRACE = Duration.ofSeconds(30);

    public MonitorConfig {
        dependsOn = dependsOn == null ? null : List.copyOf(dependsOn);
    }

    /** A configuration that depends on no other monitor. */
    public MonitorConfig(String cron, String timezone, Long intervalSeconds, Long graceSeconds, Long maxRuntimeSeconds,
                         Long minRuntimeSeconds, Integer alertAfterFailures, Integer recoverAfterSuccesses) {
        this(cron, timezone, intervalSeconds, graceSeconds, maxRuntimeSeconds, minRuntimeSeconds, alertAfterFailures,
                recoverAfterSuccesses, null);
    }

    /**
     * The first thing wrong with this configuration as one sentence naming the field (prefixed
     * by {@code monitor_config.}), or empty when it is fit to be kept.
     */
    public Optional<String> problem() {
        Optional<String> problem = MonitorConfigRules.problem(cron, timezone, intervalSeconds, graceSeconds,
                maxRuntimeSeconds, minRuntimeSeconds, alertAfterFailures, recoverAfterSuccesses, CronSchedule::problem);
        if (problem.isPresent()) {
            return problem;
        }
        if (dependsOn != null && dependsOn.size() > MAX_DEPENDS_ON) {
            return Optional.of("monitor_config.depends_on must list at most " + MAX_DEPENDS_ON + " monitor ids");
        }
        return Optional.empty();
    }

    /** Whether runs are expected at all: a cron expression or an interval. */
    public boolean hasSchedule() {
        return cron != null || intervalSeconds != null;
    }

    /** When runs are expected, or empty when neither cron nor interval is set. */
    public Optional<MonitorSchedule> schedule() {
        if (cron != null) {
            return Optional.of(CronSchedule.of(cron, zone()));
        }
        if (intervalSeconds != null) {
            return Optional.of(new IntervalSchedule(Duration.ofSeconds(intervalSeconds)));
        }
        return Optional.empty();
    }

    public ZoneId zone() {
        return timezone == null ? ZoneId.of("UTC") : ZoneId.of(timezone);
    }

    /** How late a run may start: as configured, else 5 min for cron and 20% of the interval (at least 30 s). */
    public Duration grace() {
        if (graceSeconds != null) {
            return Duration.ofSeconds(graceSeconds);
        }
        if (intervalSeconds != null) {
            Duration fifth = Duration.ofSeconds(intervalSeconds).dividedBy(5);
            return fifth.compareTo(MIN_DEFAULT_GRACE) < 0 ? MIN_DEFAULT_GRACE : fifth;
        }
        return DEFAULT_CRON_GRACE;
    }

    public int recoverAfterSuccessesOrDefault() {
        return recoverAfterSuccesses == null ? 1 : recoverAfterSuccesses;
    }
}
