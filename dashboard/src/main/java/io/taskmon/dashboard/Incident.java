package io.taskmon.dashboard;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.taskmon.readmodel.TaskMonitorRow;
import java.time.Duration;
import java.time.Instant;

/**
 * One entry of the incidents: the monitor as {@code /api/monitors} shows it, and what a person
 * asks first about a schedule incident.
 *
 * @param expectedAt   for a missed monitor, when the run it is still waiting for is expected (it
 *                     keeps expecting after the miss); {@code null} for the others
 * @param runningForMs for a timed-out monitor, how long its run has been going, by the reader's clock
 */
public record Incident(@JsonUnwrapped TaskMonitorRow monitor, Instant expectedAt, Long runningForMs) {

    static Incident of(TaskMonitorRow monitor, Instant now) {
        Instant expected = "missed".equals(monitor.health()) ? monitor.nextExpectedAt() : null;
        Long runningFor = "timeout".equals(monitor.health()) && monitor.lastStartedAt() != null
                ? Math.max(0, Duration.between(monitor.lastStartedAt(), now).toMillis()) : null;
        return new Incident(monitor, expected, runningFor);
    }
}
