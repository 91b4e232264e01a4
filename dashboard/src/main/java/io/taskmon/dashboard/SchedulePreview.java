package io.taskmon.dashboard;

import io.taskmon.events.MonitorConfig;
import io.taskmon.events.MonitorSchedule;
import io.taskmon.web.RequestRejected;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The next expected runs of a schedule as a person types it, computed by the same
 * {@link MonitorSchedule} monitor-streams judges deadlines with, and refused with the sentence a
 * {@code monitor_config} with that value would get.
 */
public final class SchedulePreview {

    /** Three are enough to see the pattern (weekdays only, every 15 minutes, ...). */
    static final int COUNT = 3;
    private static final String PREFIX = "monitor_config.";

    /** The schedule as understood and its next expected starts, in time order. */
    public record Preview(String cron, String timezone, Long intervalSeconds, List<Instant> expected) {
    }

    private final Clock clock;

    public SchedulePreview(Clock clock) {
        this.clock = clock;
    }

    public Preview preview(String cron, String timezone, Long intervalSeconds) {
        if ((cron == null) == (intervalSeconds == null)) {
            throw RequestRejected.badRequest("Give either cron (with an optional timezone) or interval_seconds");
        }
        if (intervalSeconds != null && timezone != null) {
            throw RequestRejected.badRequest("timezone applies to cron only; an interval counts seconds");
        }
        MonitorConfig config = new MonitorConfig(cron, timezone, intervalSeconds, null, null, null, null, null);
        config.problem().ifPresent(sentence -> {
            // The parameters are named as the configuration's fields, without its prefix.
            throw RequestRejected.badRequest(sentence.startsWith(PREFIX) ? sentence.substring(PREFIX.length())
                    : sentence);
        });
        MonitorSchedule schedule = config.schedule().orElseThrow();
        List<Instant> expected = new ArrayList<>();
        Instant after = clock.instant();
        for (int i = 0; i < COUNT; i++) {
            after = schedule.nextAfter(after);
            expected.add(after);
        }
        return new Preview(cron, cron == null ? null : config.zone().getId(), intervalSeconds, expected);
    }
}
