package io.taskmon.notifier;

import io.taskmon.events.Delivery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Flood control per channel: every message to a channel opens a window of the channel's
 * {@code group_seconds}; what is due in it waits for its end and then goes out as one digest,
 * which opens the next window. So the first alert of an outage goes out at once and the rest
 * follow in one message, not one each.
 *
 * <p>Kept in memory only: the waiting deliveries are owed on the notifications topic, so after a
 * restart they are due again and gathered anew.
 */
final class DigestGrouping {

    private final Map<UUID, Instant> windowEnds = new ConcurrentHashMap<>();
    private final Map<UUID, List<Delivery>> waiting = new ConcurrentHashMap<>();

    /** What to do with a delivery due now. */
    sealed interface Decision {
        /** Send it alone now; a window opens. */
        record SendAlone() implements Decision {
        }

        /** It waits in the open window; {@code flushAt} is set when it is the first to wait, to plan the digest. */
        record Wait(Instant flushAt) implements Decision {
        }
    }

    /** Called on the channel's lane, which runs one task at a time: no two decisions for a channel overlap. */
    Decision offer(Delivery delivery, Duration window, Instant now) {
        UUID channelId = delivery.channelId();
        Instant end = windowEnds.get(channelId);
        if (end == null || !end.isAfter(now)) {
            windowEnds.put(channelId, now.plus(window));
            return new Decision.SendAlone();
        }
        List<Delivery> list = waiting.computeIfAbsent(channelId, id -> new ArrayList<>());
        list.add(delivery);
        return new Decision.Wait(list.size() == 1 ? end : null);
    }

    /** The deliveries gathered on the channel, taken out; the message they make opens the next window. */
    List<Delivery> take(UUID channelId, Duration window, Instant now) {
        List<Delivery> list = waiting.remove(channelId);
        windowEnds.put(channelId, now.plus(window));
        return list == null ? List.of() : list;
    }
}
