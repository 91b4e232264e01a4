package io.taskmon.events;

import java.time.Duration;
import java.time.Instant;

/** A run is expected a fixed time after the last one started. */
public record IntervalSchedule(Duration interval) implements MonitorSchedule {

    @Override
    public Instant nextAfter(Instant lastStart) {
        return lastStart.plus(interval);
    }
}
