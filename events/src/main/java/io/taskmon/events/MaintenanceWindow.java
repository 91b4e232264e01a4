package io.taskmon.events;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

/**
 * A recurring time in which every monitor the match takes is muted: it opens at each time the
 * cron expression names in the zone's wall clock, and stays open for the duration.
 *
 * @param match           the same fields as a route's match
 * @param cron            five-field unix cron, e.g. {@code 0 1 * * 6} (Saturdays at 01:00)
 * @param durationSeconds how long each window stays open
 * @param timezone        the IANA zone the cron expression is read in
 */
public record MaintenanceWindow(
        UUID windowId,
        String name,
        RouteMatch match,
        String cron,
        long durationSeconds,
        String timezone,
        Instant changedAt) {

    public MaintenanceWindow {
        match = match == null ? RouteMatch.EVERY_ALERT : match;
    }

    /**
     * When the window open at {@code now} closes, or empty when none is open: a window is open
     * from a start the cron names until its duration later.
     */
    public Optional<Instant> openUntil(Instant now) {
        Duration duration = Duration.ofSeconds(durationSeconds);
        // The earliest start after (now - duration) is the only candidate still open at now.
        Instant start = CronSchedule.of(cron, ZoneId.of(timezone)).nextAfter(now.minus(duration));
        return start.isAfter(now) ? Optional.empty() : Optional.of(start.plus(duration));
    }

    /** The next time the window opens after {@code now}. */
    public Instant nextStartAfter(Instant now) {
        return CronSchedule.of(cron, ZoneId.of(timezone)).nextAfter(now);
    }
}
