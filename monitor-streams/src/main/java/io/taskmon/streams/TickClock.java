package io.taskmon.streams;

import io.taskmon.events.ClockTick;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The time deadlines are judged against, made of the gateways' ticks, one per stream task.
 *
 * <p>The clock is the slowest live gateway's latest tick, and never goes back. A gateway counts
 * while its latest tick is within {@link ClockRules#liveness()} of the newest one, so a stopped
 * gateway holds the clock back only that long. When the clock jumps by more than
 * {@link ClockRules#gap()} nothing was ingested in between; deadlines after the jump's start are
 * then held until the clock is {@link ClockRules#settle()} past its end, so reports a client
 * spooled during the outage arrive before their deadlines are judged. The first tick a task sees
 * counts as the end of an outage too: what happened before it is unknown.
 *
 * @param gateways  every live gateway's latest tick
 * @param clock     the merged clock; {@code null} before the first tick
 * @param heldAfter while settling, deadlines after this wait ({@code null} before the first tick: all wait)
 * @param settledAt while settling, the clock time at which held deadlines are judged; {@code null} when not settling
 */
record TickClock(Map<UUID, Instant> gateways, Instant clock, Instant heldAfter, Instant settledAt) {

    static final TickClock NONE = new TickClock(Map.of(), null, null, null);

    TickClock {
        gateways = gateways == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(gateways));
    }

    /** The clock after {@code tick}. */
    TickClock advance(ClockTick tick, ClockRules rules) {
        Instant newestBefore = gateways.values().stream().max(Instant::compareTo).orElse(null);
        Map<UUID, Instant> latest = new TreeMap<>(gateways);
        latest.merge(tick.gatewayId(), tick.at(), (a, b) -> a.isAfter(b) ? a : b);
        Instant newest = latest.values().stream().max(Instant::compareTo).orElseThrow();
        latest.values().removeIf(at -> at.isBefore(newest.minus(rules.liveness())));
        Instant slowest = latest.values().stream().min(Instant::compareTo).orElseThrow();
        Instant merged = clock == null || slowest.isAfter(clock) ? slowest : clock;

        if (clock == null) {
            return new TickClock(latest, merged, null, merged.plus(rules.settle()));
        }
        Instant held = heldAfter;
        Instant settled = settledAt;
        // An outage is when no gateway ticked: the newest tick jumps. A stopped gateway that the
        // others outlive only lets the clock catch up with them, which is no gap in ingestion.
        if (newestBefore != null && newest.isAfter(newestBefore.plus(rules.gap()))) {
            held = settled != null ? heldAfter : clock;
            settled = merged.plus(rules.settle());
        }
        if (settled != null && !merged.isBefore(settled)) {
            held = null;
            settled = null;
        }
        return new TickClock(latest, merged, held, settled);
    }

    /** Deadlines up to this time may be judged now; {@code null}: none may. */
    Instant horizon() {
        if (settledAt == null) {
            return clock;
        }
        return heldAfter;
    }
}
