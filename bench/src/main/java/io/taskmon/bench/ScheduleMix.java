package io.taskmon.bench;

import io.taskmon.events.MonitorConfig;
import io.taskmon.events.MonitorId;
import io.taskmon.events.MonitorSchedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The benchmark's monitors: ten kinds of schedule, interval and cron in several time zones,
 * monitor {@code i} of kind {@code i % 10}, and one monitor in each hundred silent, the kinds of
 * the silent ones rotating. Every expected time and every deadline of the mix falls on a whole
 * minute (intervals and graces are whole minutes, runs of interval monitors start on one), so
 * the seconds between two minutes are free of deadlines: that is where the idle CPU is measured.
 */
final class ScheduleMix {

    static final int KINDS = 10;
    /** Interval monitors' first runs start 0, 1 or 2 minutes apart, so their deadlines spread. */
    static final int INTERVAL_PHASES = 3;
    /** Where the daily cron's local time falls after the schedules start. */
    static final Duration DAILY_AFTER = Duration.ofMinutes(75);

    private final List<MonitorConfig> configs;
    private final List<MonitorSchedule> schedules;

    /** The mix for schedules that start at {@code start}: the daily cron is placed from it. */
    ScheduleMix(Instant start) {
        ZoneId losAngeles = ZoneId.of("America/Los_Angeles");
        ZonedDateTime daily = start.plus(DAILY_AFTER).atZone(losAngeles);
        configs = List.of(
                interval(600, null),
                interval(900, 180L),
                interval(1800, 300L),
                interval(3600, null),
                cron("*/15 * * * *", "UTC", null),
                cron("0 * * * *", "Europe/Berlin", 600L),
                cron("*/10 * * * *", "America/New_York", 120L),
                cron("30 * * * *", "Asia/Kolkata", 300L),
                cron("5,35 * * * *", "Australia/Sydney", 240L),
                cron("%d %d * * *".formatted(daily.getMinute(), daily.getHour()), losAngeles.getId(), 900L));
        schedules = configs.stream().map(c -> c.schedule().orElseThrow()).toList();
    }

    private static MonitorConfig interval(long seconds, Long grace) {
        return new MonitorConfig(null, null, seconds, grace, null, null, null, null);
    }

    private static MonitorConfig cron(String expression, String zone, Long grace) {
        return new MonitorConfig(expression, zone, null, grace, null, null, null, null);
    }

    MonitorConfig config(int monitor) {
        return configs.get(monitor % KINDS);
    }

    MonitorSchedule schedule(int monitor) {
        return schedules.get(monitor % KINDS);
    }

    boolean isInterval(int monitor) {
        return config(monitor).intervalSeconds() != null;
    }

    Duration grace(int monitor) {
        return config(monitor).grace();
    }

    /** Exactly one monitor in each block of a hundred, a different one (and kind) from block to block. */
    static boolean isSilent(int monitor) {
        return monitor % 100 == (monitor / 100) % 100;
    }

    /** Minutes before the schedules' start that an interval monitor's first run starts, beyond the first. */
    static int phaseMinutes(int monitor) {
        return (monitor / KINDS) % INTERVAL_PHASES;
    }

    static String taskKey(int monitor) {
        return "bench-schedule-" + monitor;
    }

    static UUID monitorId(int monitor) {
        return MonitorId.of(taskKey(monitor), BenchRuns.KIND, BenchRuns.MACHINE);
    }

    String describe() {
        return configs.stream().map(ScheduleMix::describe).toList().toString();
    }

    String describe(int monitor) {
        return describe(config(monitor));
    }

    private static String describe(MonitorConfig c) {
        return c.cron() != null ? "cron '%s' %s".formatted(c.cron(), c.zone())
                : "every %d s".formatted(c.intervalSeconds());
    }
}
