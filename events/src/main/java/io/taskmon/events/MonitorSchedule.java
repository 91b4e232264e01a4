package io.taskmon.events;

import java.time.Instant;

/** When a monitor expects its runs: by a cron expression in a zone, or at an interval. */
public sealed interface MonitorSchedule permits CronSchedule, IntervalSchedule {

    /**
     * When the next run is expected, given that the latest run started at {@code lastStart}:
     * strictly after it.
     */
    Instant nextAfter(Instant lastStart);
}
