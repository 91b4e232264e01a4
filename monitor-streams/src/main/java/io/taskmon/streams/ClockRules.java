package io.taskmon.streams;

import java.time.Duration;

/**
 * How monitor-streams reads the gateways' clock ticks.
 *
 * @param gap      a step of the clock longer than this is an outage (no tick got through):
 *                 gateways tick once a second, so five seconds is no hiccup
 * @param settle   after an outage (and after the first tick), deadlines wait this long of tick
 *                 time before they are judged, so that spooled reports land first
 * @param liveness a gateway whose latest tick is this far behind the newest gateway's is taken
 *                 for stopped and no longer holds the clock back
 */
public record ClockRules(Duration gap, Duration settle, Duration liveness) {

    public ClockRules {
        for (Duration value : new Duration[] {gap, settle, liveness}) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("clock durations must be positive, got " + value);
            }
        }
    }

    public static ClockRules defaults() {
        return new ClockRules(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(30));
    }
}
