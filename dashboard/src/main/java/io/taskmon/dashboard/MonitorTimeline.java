package io.taskmon.dashboard;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.taskmon.events.EventJson;
import io.taskmon.events.IntervalSchedule;
import io.taskmon.events.MonitorConfig;
import io.taskmon.events.MonitorSchedule;
import io.taskmon.readmodel.TaskMonitorRow;
import io.taskmon.readmodel.TaskRunRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Expected against actual runs of one monitor over a window ending now: each expected time of
 * its schedule (the same {@link MonitorSchedule} monitor-streams judges deadlines with) is
 * {@code met} when a run started between it and its grace, {@code missed} when the grace ran out
 * without one, {@code upcoming} while the grace is still running. A monitor without a schedule
 * has no expected times; its runs are still shown.
 */
public final class MonitorTimeline {

    /** More marks than this would not be told apart on a strip (a 10 s interval over a week). */
    static final int MAX_EXPECTED = 2000;
    /** The same bound for runs: the oldest are shown, and {@code truncated} says more exist. */
    static final int MAX_RUNS = 2000;

    public enum Outcome {
        MET, MISSED, UPCOMING;

        @JsonValue
        public String wireName() {
            return name().toLowerCase();
        }
    }

    /** One expected start; {@code runId} names the run that met it. */
    public record Expected(Instant expectedAt, Instant graceEndsAt, Outcome outcome, String runId) {
    }

    public record Run(String runId, String status, Instant queuedAt, Instant startedAt, Instant finishedAt) {
        static Run of(TaskRunRow row) {
            return new Run(row.runId(), row.status(), row.queuedAt(), row.startedAt(), row.finishedAt());
        }
    }

    /** The answer of {@code /api/monitors/{id}/timeline}; {@code truncated} when expected times or runs were left off. */
    public record Timeline(UUID monitorId, int hours, Instant from, Instant to, String cron,
                           String timezone, Long intervalSeconds, Long graceSeconds, List<Expected> expected,
                           List<Run> runs, boolean truncated) {
    }

    private MonitorTimeline() {
    }

    /**
     * @param runs           the runs overlapping the window, oldest start first
     * @param lastStartBefore the latest run start before the window, null if none: an interval
     *                        schedule counts from it
     */
    static Timeline of(TaskMonitorRow monitor, int hours, Instant from, Instant now, List<TaskRunRow> runs,
                       Instant lastStartBefore) {
        List<Run> shown = runs.stream().map(Run::of).toList();
        boolean runsLeftOff = runs.size() >= MAX_RUNS;
        List<Instant> starts = runs.stream().map(MonitorTimeline::startOf).filter(Objects::nonNull).sorted().toList();
        Optional<MonitorConfig> config = config(monitor);
        Optional<MonitorSchedule> schedule = config.flatMap(MonitorConfig::schedule);
        if (schedule.isEmpty()) {
            return new Timeline(monitor.monitorId(), hours, from, now, null, null, null, null, List.of(), shown,
                    runsLeftOff);
        }
        MonitorConfig c = config.get();
        Duration grace = c.grace();
        List<Expected> expected = new ArrayList<>();
        boolean truncated = schedule.get() instanceof IntervalSchedule interval
                ? intervalMarks(interval, grace, from, now, starts, lastStartBefore, runs, expected)
                : fixedMarks(schedule.get(), grace, from, now, starts, runs, expected);
        return new Timeline(monitor.monitorId(), hours, from, now, c.cron(), c.cron() == null ? null : c.zone().getId(),
                c.intervalSeconds(), grace.toSeconds(), expected, shown, truncated || runsLeftOff);
    }

    /** Cron: the expected times do not depend on the runs. */
    private static boolean fixedMarks(MonitorSchedule schedule, Duration grace, Instant from, Instant now,
                                      List<Instant> starts, List<TaskRunRow> runs, List<Expected> expected) {
        for (Instant due = schedule.nextAfter(from.minusMillis(1)); !due.isAfter(now); due = schedule.nextAfter(due)) {
            if (expected.size() == MAX_EXPECTED) {
                return true;
            }
            expected.add(judge(due, grace, now, firstStartWithin(starts, due, due.plus(grace)), runs));
        }
        return false;
    }

    /**
     * Interval: each run starts the count again; a run before the expected time serves it early
     * (no mark), and after a miss the next run is expected one interval after the missed time.
     */
    private static boolean intervalMarks(IntervalSchedule schedule, Duration grace, Instant from, Instant now,
                                         List<Instant> starts, Instant lastStartBefore, List<TaskRunRow> runs,
                                         List<Expected> expected) {
        Instant counted = lastStartBefore != null ? lastStartBefore : starts.isEmpty() ? null : starts.get(0);
        int next = 0;
        while (counted != null) {
            Instant due = schedule.nextAfter(counted);
            if (due.isAfter(now)) {
                return false;
            }
            while (next < starts.size() && !starts.get(next).isAfter(counted)) {
                next++;
            }
            Instant start = next < starts.size() ? starts.get(next) : null;
            if (start != null && start.isBefore(due)) {
                counted = start;
                continue;
            }
            Instant met = start != null && !start.isAfter(due.plus(grace)) ? start : null;
            if (!due.isBefore(from)) {
                if (expected.size() == MAX_EXPECTED) {
                    return true;
                }
                expected.add(judge(due, grace, now, met, runs));
            }
            counted = met != null ? met : due;
        }
        return false;
    }

    private static Expected judge(Instant due, Duration grace, Instant now, Instant metBy, List<TaskRunRow> runs) {
        Instant graceEnds = due.plus(grace);
        if (metBy != null) {
            String runId = runs.stream().filter(r -> metBy.equals(startOf(r))).map(TaskRunRow::runId).findFirst()
                    .orElse(null);
            return new Expected(due, graceEnds, Outcome.MET, runId);
        }
        return new Expected(due, graceEnds, graceEnds.isAfter(now) ? Outcome.UPCOMING : Outcome.MISSED, null);
    }

    private static Instant firstStartWithin(List<Instant> starts, Instant from, Instant to) {
        for (Instant start : starts) {
            if (!start.isBefore(from) && !start.isAfter(to)) {
                return start;
            }
        }
        return null;
    }

    /** When a run started, as monitor-streams counts it: its start, else its finish; a queued run has not started. */
    static Instant startOf(TaskRunRow run) {
        if (run.isPending()) {
            return null;
        }
        return run.startedAt() != null ? run.startedAt() : run.finishedAt();
    }

    private static Optional<MonitorConfig> config(TaskMonitorRow monitor) {
        if (monitor.monitorConfig() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(EventJson.mapper().readValue(monitor.monitorConfig(), MonitorConfig.class));
        } catch (JsonProcessingException e) {
            // The projector stored what monitor-streams validated; unreadable means a newer shape.
            throw new IllegalStateException("monitor " + monitor.monitorId() + " has an unreadable monitor_config", e);
        }
    }
}
