package io.taskmon.streams;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A key-value store of encoded values that one processor alone writes, with the values it used
 * lately kept decoded.
 *
 * <p>Why: every run reads and writes its monitor's status, overrides, open alert and hour.
 * Through a typed store each read decodes JSON again, and a status is encoded twice, once for
 * the store and once for the output topic; in a catch-up that was about a third of the
 * processing. Here a recently used key costs a map lookup (a key known to be absent too), and
 * {@link #put} returns the bytes it stored, so the caller forwards them as they are. The bytes
 * are exactly what the typed store held, so the changelog format does not change.
 *
 * <p>Coherent because nothing else writes the store; {@link #attach} forgets everything held,
 * and the processor calls it on every (re)initialisation, after which the store may have been
 * restored from its changelog. The held values are bounded by their encoded size, so a monitor
 * with a 16 KiB message counts for what it is.
 */
final class CachedStore<K, V> {

    /** What a remembered absence (or a tiny value) is taken to cost: the key and the map entry. */
    private static final int MIN_WEIGHT = 64;

    private final String name;
    private final Serde<V> serde;
    private final long budgetBytes;
    private final LinkedHashMap<K, Held<V>> recent = new LinkedHashMap<>(1024, 0.75f, true);
    private long heldBytes;
    private KeyValueStore<K, byte[]> store;

    /**
     * @param name        the store's name, for error messages
     * @param serde       the encoding of the values in the store (and on its changelog)
     * @param budgetBytes how many encoded bytes of values to keep decoded
     */
    CachedStore(String name, Serde<V> serde, long budgetBytes) {
        this.name = name;
        this.serde = serde;
        this.budgetBytes = budgetBytes;
    }

    void attach(KeyValueStore<K, byte[]> newStore) {
        this.store = newStore;
        recent.clear();
        heldBytes = 0;
    }

    V get(K key) {
        Held<V> held = recent.get(key);
        if (held != null) {
            return held.value();
        }
        byte[] bytes = store.get(key);
        V value = bytes == null ? null : serde.deserializer().deserialize(name, bytes);
        hold(key, value, bytes == null ? 0 : bytes.length);
        return value;
    }

    /** Stores the value and returns its encoded bytes, the same bytes the store now holds. */
    byte[] put(K key, V value) {
        byte[] bytes = serde.serializer().serialize(name, value);
        store.put(key, bytes);
        hold(key, value, bytes.length);
        return bytes;
    }

    void delete(K key) {
        store.delete(key);
        hold(key, null, 0);
    }

    /** Every entry of the store, decoded; the action must not write this store. */
    void forEach(BiConsumer<K, V> action) {
        try (KeyValueIterator<K, byte[]> all = store.all()) {
            all.forEachRemaining(entry -> action.accept(entry.key, serde.deserializer().deserialize(name, entry.value)));
        }
    }

    KeyValueIterator<K, byte[]> range(K from, K to) {
        return store.range(from, to);
    }

    private void hold(K key, V value, int encodedBytes) {
        int weight = Math.max(MIN_WEIGHT, encodedBytes);
        Held<V> before = recent.put(key, new Held<>(value, weight));
        heldBytes += weight - (before == null ? 0 : before.weight());
        Iterator<Map.Entry<K, Held<V>>> eldest = recent.entrySet().iterator();
        while (heldBytes > budgetBytes && eldest.hasNext()) {
            heldBytes -= eldest.next().getValue().weight();
            eldest.remove();
        }
    }

    private record Held<V>(V value, int weight) {
    }
}
