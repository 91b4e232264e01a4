package io.taskmon.streams;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The deadline store: one entry per pending deadline, keyed due time first (big-endian millis,
 * then monitor id and kind), so a tick reads only the range that is due and never scans every
 * monitor. Keys sort as bytes, which for times after 1970 is time order. The value is the
 * deadline to the nanosecond (reports carry microseconds), so a due deadline is handed back
 * exactly as it was set.
 */
final class Deadlines {

    enum Kind {
        /** No run started by expected + grace. */
        MISSED,
        /** A started run not finished by start + maximum run time. */
        TIMEOUT,
        /** The expected time: from here to the grace's end the monitor is shown late. */
        LATE
    }

    /** A deadline that is due, as it was set. */
    record Due(Instant at, UUID monitorId, Kind kind) {
    }

    private KeyValueStore<Bytes, byte[]> store;

    void attach(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    void add(Instant at, UUID monitorId, Kind kind) {
        if (at != null) {
            store.put(key(at.toEpochMilli(), monitorId, (byte) kind.ordinal()),
                    ByteBuffer.allocate(12).putLong(at.getEpochSecond()).putInt(at.getNano()).array());
        }
    }

    void remove(Instant at, UUID monitorId, Kind kind) {
        if (at != null) {
            store.delete(key(at.toEpochMilli(), monitorId, (byte) kind.ordinal()));
        }
    }

    /** Every deadline due at or before {@code horizon}, oldest first, taken out of the store. */
    List<Due> takeDue(Instant horizon) {
        List<Due> due = new ArrayList<>();
        Bytes from = key(0, new UUID(0, 0), (byte) 0);
        Bytes to = key(horizon.toEpochMilli(), new UUID(-1L, -1L), (byte) -1);
        try (KeyValueIterator<Bytes, byte[]> range = store.range(from, to)) {
            range.forEachRemaining(entry -> {
                ByteBuffer key = ByteBuffer.wrap(entry.key.get());
                key.getLong();
                ByteBuffer at = ByteBuffer.wrap(entry.value);
                due.add(new Due(Instant.ofEpochSecond(at.getLong(), at.getInt()),
                        new UUID(key.getLong(), key.getLong()), Kind.values()[key.get()]));
            });
        }
        due.forEach(d -> remove(d.at(), d.monitorId(), d.kind()));
        return due;
    }

    private static Bytes key(long dueMillis, UUID monitorId, byte kind) {
        return Bytes.wrap(ByteBuffer.allocate(25).putLong(dueMillis)
                .putLong(monitorId.getMostSignificantBits()).putLong(monitorId.getLeastSignificantBits())
                .put(kind).array());
    }
}
