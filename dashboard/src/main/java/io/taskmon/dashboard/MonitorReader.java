package io.taskmon.dashboard;

import io.taskmon.readmodel.MonitorFilter;
import io.taskmon.readmodel.MonitorFlipDao;
import io.taskmon.readmodel.MonitorFlipRow;
import io.taskmon.readmodel.MonitorOrder;
import io.taskmon.readmodel.MonitorStatsHourlyDao;
import io.taskmon.readmodel.MonitorStatsHourlyRow;
import io.taskmon.readmodel.TaskMonitorDao;
import io.taskmon.readmodel.TaskMonitorRow;
import io.taskmon.readmodel.TaskRunDao;
import io.taskmon.readmodel.TaskRunRow;
import io.taskmon.web.RequestRejected;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** What the dashboard shows about monitors: lists, one monitor, its runs, flips and trends, the incidents. */
public final class MonitorReader {

    /** A page of monitors and how many match the filter in all. */
    public record MonitorPage(List<TaskMonitorRow> monitors, long total, int limit, int offset) {
    }

    /**
     * Failing, missed and timed-out enabled monitors, the latest run first; {@code count} is what
     * the badge shows.
     */
    public record Incidents(long count, List<Incident> incidents, int limit, int offset) {
    }

    public record RunPage(UUID monitorId, String status, List<TaskRunRow> runs, int limit, int offset, boolean hasMore) {
    }

    public record FlipPage(UUID monitorId, List<MonitorFlipRow> flips, int limit, int offset, boolean hasMore) {
    }

    /** The hourly trend of one monitor over the last {@code hours} hours, and its totals. */
    public record Stats(UUID monitorId, int hours, Instant from, List<MonitorStatsHourlyRow> hourly, long runs,
                        long failures, Double successRate, Long avgDurationMs, Long maxDurationMs) {
    }

    private final TaskMonitorDao monitors;
    private final TaskRunDao runs;
    private final MonitorFlipDao flips;
    private final MonitorStatsHourlyDao stats;
    private final Clock clock;

    public MonitorReader(Jdbi jdbi, Clock clock) {
        this.monitors = jdbi.onDemand(TaskMonitorDao.class);
        this.runs = jdbi.onDemand(TaskRunDao.class);
        this.flips = jdbi.onDemand(MonitorFlipDao.class);
        this.stats = jdbi.onDemand(MonitorStatsHourlyDao.class);
        this.clock = clock;
    }

    public MonitorPage monitors(MonitorFilter filter, MonitorOrder order, int limit, int offset) {
        return new MonitorPage(monitors.list(filter, order.clause(), limit, offset), monitors.count(filter),
                limit, offset);
    }

    public TaskMonitorRow monitor(UUID monitorId) {
        return monitors.find(monitorId).orElseThrow(() -> unknownMonitor(monitorId));
    }

    public Incidents incidents(int limit, int offset) {
        Instant now = clock.instant();
        List<Incident> page = monitors.incidents(limit, offset).stream().map(m -> Incident.of(m, now)).toList();
        return new Incidents(monitors.countIncidents(), page, limit, offset);
    }

    /** Runs newest first; {@code status} null means every status. */
    public RunPage runs(UUID monitorId, String status, int limit, int offset) {
        requireMonitor(monitorId);
        // One row more than asked tells whether there is a next page without counting them all.
        List<TaskRunRow> page = status == null
                ? runs.newestFirst(monitorId, limit + 1, offset)
                : runs.newestFirstWithStatus(monitorId, status, limit + 1, offset);
        return new RunPage(monitorId, status, page.subList(0, Math.min(limit, page.size())), limit, offset,
                page.size() > limit);
    }

    public FlipPage flips(UUID monitorId, int limit, int offset) {
        requireMonitor(monitorId);
        List<MonitorFlipRow> page = flips.newestFirst(monitorId, limit + 1, offset);
        return new FlipPage(monitorId, page.subList(0, Math.min(limit, page.size())), limit, offset,
                page.size() > limit);
    }

    /** Expected against actual runs over the last {@code hours} hours, up to now. */
    public MonitorTimeline.Timeline timeline(UUID monitorId, int hours) {
        TaskMonitorRow monitor = monitor(monitorId);
        Instant now = clock.instant();
        Instant from = now.minus(hours, ChronoUnit.HOURS);
        return MonitorTimeline.of(monitor, hours, from, now,
                runs.overlapping(monitorId, from, now, MonitorTimeline.MAX_RUNS), runs.lastStartBefore(monitorId, from));
    }

    /** The current hour and the {@code hours - 1} before it. */
    public Stats stats(UUID monitorId, int hours) {
        requireMonitor(monitorId);
        Instant from = clock.instant().truncatedTo(ChronoUnit.HOURS).minus(hours - 1L, ChronoUnit.HOURS);
        List<MonitorStatsHourlyRow> hourly = stats.since(monitorId, from);
        long runCount = hourly.stream().mapToLong(MonitorStatsHourlyRow::runs).sum();
        long failures = hourly.stream().mapToLong(MonitorStatsHourlyRow::failures).sum();
        long totalDuration = hourly.stream().mapToLong(MonitorStatsHourlyRow::totalDurationMs).sum();
        Long maxDuration = hourly.stream().mapToLong(MonitorStatsHourlyRow::maxDurationMs).boxed().max(Long::compare)
                .orElse(null);
        return new Stats(monitorId, hours, from, hourly, runCount, failures,
                runCount == 0 ? null : (runCount - failures) / (double) runCount,
                runCount == 0 ? null : totalDuration / runCount, maxDuration);
    }

    public boolean exists(UUID monitorId) {
        return monitors.exists(monitorId);
    }

    public void requireMonitor(UUID monitorId) {
        if (!monitors.exists(monitorId)) {
            throw unknownMonitor(monitorId);
        }
    }

    private static RequestRejected unknownMonitor(UUID monitorId) {
        return RequestRejected.notFound("There is no monitor " + monitorId);
    }
}
