package io.taskmon.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The decoded values held in front of a store always agree with the store itself. */
class CachedStoreTest {

    private KeyValueStore<UUID, byte[]> store;

    @BeforeEach
    void openStore() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("values"), Serdes.UUID(), Serdes.ByteArray())
                .withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    }

    @Test
    void shouldStoreExactlyTheBytesItReturnsAndReadThemBack() {
        CachedStore<UUID, String> values = attached(1 << 20);
        UUID key = UUID.randomUUID();

        byte[] stored = values.put(key, "hello");

        assertThat(store.get(key)).isEqualTo(stored).isEqualTo("hello".getBytes());
        assertThat(values.get(key)).isEqualTo("hello");
    }

    @Test
    void shouldAgreeWithTheStoreWhenItHoldsFarLessThanTheStore() {
        // Room for about 10 of 1,000 values: most reads go to the store.
        CachedStore<UUID, String> values = attached(10 * 100);
        Map<UUID, String> expected = new HashMap<>();
        for (int i = 0; i < 1_000; i++) {
            UUID key = new UUID(0, i);
            String value = "value " + i + " " + "x".repeat(90);
            values.put(key, value);
            expected.put(key, value);
        }
        for (int i = 0; i < 1_000; i += 3) {
            UUID key = new UUID(0, i);
            values.delete(key);
            expected.remove(key);
        }
        for (int i = 0; i < 1_000; i++) {
            UUID key = new UUID(0, i);
            assertThat(values.get(key)).as("key %d", i).isEqualTo(expected.get(key));
        }
    }

    @Test
    void shouldRememberAbsenceUntilTheKeyIsWritten() {
        CachedStore<UUID, String> values = attached(1 << 20);
        UUID key = UUID.randomUUID();

        assertThat(values.get(key)).isNull();
        values.put(key, "now here");
        assertThat(values.get(key)).isEqualTo("now here");
        values.delete(key);
        assertThat(values.get(key)).isNull();
        assertThat(store.get(key)).isNull();
    }

    @Test
    void shouldForgetWhatItHeldWhenAttachedAgain() {
        CachedStore<UUID, String> values = attached(1 << 20);
        UUID key = UUID.randomUUID();
        values.put(key, "before the restore");

        // A revived task's store is restored from its changelog, which may hold another value.
        store.put(key, "after the restore".getBytes());
        values.attach(store);

        assertThat(values.get(key)).isEqualTo("after the restore");
    }

    @Test
    void shouldVisitEveryEntryDecoded() {
        CachedStore<UUID, String> values = attached(1 << 20);
        values.put(new UUID(0, 1), "one");
        values.put(new UUID(0, 2), "two");

        Map<UUID, String> seen = new HashMap<>();
        values.forEach(seen::put);

        assertThat(seen).containsExactlyInAnyOrderEntriesOf(Map.of(new UUID(0, 1), "one", new UUID(0, 2), "two"));
    }

    private CachedStore<UUID, String> attached(long budgetBytes) {
        CachedStore<UUID, String> values = new CachedStore<>("values", Serdes.String(), budgetBytes);
        values.attach(store);
        return values;
    }
}
