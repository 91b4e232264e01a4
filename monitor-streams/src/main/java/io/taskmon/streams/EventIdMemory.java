package io.taskmon.streams;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Which event ids each monitor has seen within the event id memory (by record time), for
 * dropping duplicate reports. A windowed store, so old ids leave a whole segment at a time
 * without a delete each.
 *
 * <p>Asked with one range over the memory rather than point lookups per time bucket: RocksDB's
 * Java binding answers a lookup of a missing key by throwing and catching a native exception,
 * and nearly every id asked for is new.
 */
final class EventIdMemory {

    private static final byte[] SEEN = new byte[] {1};

    private final long memoryMs;
    private WindowStore<Bytes, byte[]> store;

    EventIdMemory(Duration memory) {
        this.memoryMs = memory.toMillis();
    }

    void attach(WindowStore<Bytes, byte[]> newStore) {
        this.store = newStore;
    }

    /**
     * Whether the monitor had this id within the memory on either side of this record's time: a
     * retry carries a later record time than the original, but clocks of two gateways may differ.
     */
    boolean seen(UUID monitorId, UUID eventId, long recordTimeMs) {
        try (WindowStoreIterator<byte[]> seen = store.fetch(key(monitorId, eventId),
                Math.max(0, recordTimeMs - memoryMs), recordTimeMs + memoryMs)) {
            return seen.hasNext();
        }
    }

    void remember(UUID monitorId, UUID eventId, long recordTimeMs) {
        store.put(key(monitorId, eventId), SEEN, recordTimeMs);
    }

    private static Bytes key(UUID monitorId, UUID eventId) {
        return Bytes.wrap(ByteBuffer.allocate(32)
                .putLong(monitorId.getMostSignificantBits()).putLong(monitorId.getLeastSignificantBits())
                .putLong(eventId.getMostSignificantBits()).putLong(eventId.getLeastSignificantBits())
                .array());
    }
}
