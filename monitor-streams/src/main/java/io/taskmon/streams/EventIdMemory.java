package io.taskmon.streams;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
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
 *
 * <p>Even that one range lookup (an iterator per segment) was a sixth of the processing of a
 * run, so a {@link SeenFilter} of every id in the store sits in front of it: when the filter
 * says an id was never remembered, the store is not asked. The filter is built from the store
 * whenever a task (re)starts, so it covers whatever the store was restored to, and is rebuilt
 * at twice the size when it fills. Ids the store has dropped stay in the filter until then;
 * they only send a lookup to the store.
 */
final class EventIdMemory {

    private static final byte[] SEEN = new byte[] {1};
    /**
     * The monitor and event id of the marker {@link #keepOffsetTracked} writes: no monitor has the
     * nil id (monitor ids are name-based UUIDs), so no run is ever taken for a duplicate of it.
     */
    private static final UUID NIL = new UUID(0, 0);
    /** A million ids in 1.25 MB: most tasks never rebuild their filter. */
    private static final long MIN_FILTER_CAPACITY = 1 << 20;

    private final long memoryMs;
    private final long minFilterCapacity;
    private WindowStore<Bytes, byte[]> store;
    private SeenFilter filter;

    EventIdMemory(Duration memory) {
        this(memory, MIN_FILTER_CAPACITY);
    }

    EventIdMemory(Duration memory, long minFilterCapacity) {
        this.memoryMs = memory.toMillis();
        this.minFilterCapacity = minFilterCapacity;
    }

    void attach(WindowStore<Bytes, byte[]> newStore) {
        this.store = newStore;
        rebuildFilter();
    }

    /**
     * Whether the monitor had this id within the memory on either side of this record's time: a
     * retry carries a later record time than the original, but clocks of two gateways may differ.
     */
    boolean seen(UUID monitorId, UUID eventId, long recordTimeMs) {
        if (!filter.mightContain(high(monitorId, eventId), low(monitorId, eventId))) {
            return false;
        }
        try (WindowStoreIterator<byte[]> seen = store.fetch(key(monitorId, eventId),
                Math.max(0, recordTimeMs - memoryMs), recordTimeMs + memoryMs)) {
            return seen.hasNext();
        }
    }

    void remember(UUID monitorId, UUID eventId, long recordTimeMs) {
        store.put(key(monitorId, eventId), SEEN, recordTimeMs);
        filter.add(high(monitorId, eventId), low(monitorId, eventId));
        if (filter.isFull()) {
            rebuildFilter();
        }
    }

    /**
     * Remembers one marker id when the store held none at attach and none was remembered since,
     * so that it has a changelog offset to keep. Kafka Streams (4.3) keeps no offset for a
     * windowed store that was never written to. Under exactly-once, a restart then finds the
     * task's other stores on disk without an offset for this one, logs the task as corrupted (an
     * ERROR line), and wipes and restores all its stores: on every restart, for every partition
     * no run has reached yet, as on a new install.
     *
     * <p>The marker's time is the epoch: older than any run, it never moves the store's clock,
     * which decides what the store keeps, and the first run's time expires it.
     */
    void keepOffsetTracked() {
        if (filter.added() == 0) {
            remember(NIL, NIL, 0L);
        }
    }

    /** How many ids the filter holds (all the store held when it was built, and those remembered since). */
    long idsInFilter() {
        return filter.added();
    }

    private void rebuildFilter() {
        long ids = 0;
        try (KeyValueIterator<Windowed<Bytes>, byte[]> all = store.all()) {
            for (; all.hasNext(); all.next()) {
                ids++;
            }
        }
        SeenFilter rebuilt = new SeenFilter(Math.max(minFilterCapacity, ids * 2));
        try (KeyValueIterator<Windowed<Bytes>, byte[]> all = store.all()) {
            while (all.hasNext()) {
                ByteBuffer key = ByteBuffer.wrap(all.next().key.key().get());
                long monitorHigh = key.getLong();
                long monitorLow = key.getLong();
                rebuilt.add(high(monitorHigh, key.getLong()), low(monitorLow, key.getLong(24)));
            }
        }
        filter = rebuilt;
    }

    private static long high(UUID monitorId, UUID eventId) {
        return high(monitorId.getMostSignificantBits(), eventId.getMostSignificantBits());
    }

    private static long low(UUID monitorId, UUID eventId) {
        return low(monitorId.getLeastSignificantBits(), eventId.getLeastSignificantBits());
    }

    // The filter takes 128 bits: the monitor's half of each is turned so that the same event id
    // under two monitors gives two keys.
    private static long high(long monitorHigh, long eventHigh) {
        return Long.rotateLeft(monitorHigh * 0x9E3779B97F4A7C15L, 29) ^ eventHigh;
    }

    private static long low(long monitorLow, long eventLow) {
        return Long.rotateLeft(monitorLow * 0xC2B2AE3D27D4EB4FL, 17) ^ eventLow;
    }

    private static Bytes key(UUID monitorId, UUID eventId) {
        return Bytes.wrap(ByteBuffer.allocate(32)
                .putLong(monitorId.getMostSignificantBits()).putLong(monitorId.getLeastSignificantBits())
                .putLong(eventId.getMostSignificantBits()).putLong(eventId.getLeastSignificantBits())
                .array());
    }
}
