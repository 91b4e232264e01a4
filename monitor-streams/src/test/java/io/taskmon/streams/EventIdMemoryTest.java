package io.taskmon.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The filter in front of the event id store never hides an id the store has. */
class EventIdMemoryTest {

    private static final Duration MEMORY = Duration.ofDays(7);
    private static final long NOW = 1_800_000_000_000L;
    private WindowStore<Bytes, byte[]> store;

    @BeforeEach
    void openStore() {
        store = Stores.windowStoreBuilder(Stores.inMemoryWindowStore("ids", MEMORY, Duration.ofMillis(1), false),
                Serdes.Bytes(), Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    }

    @Test
    void shouldSeeRememberedIdsOnlyUnderTheirMonitor() {
        EventIdMemory ids = attached(1_000);
        UUID monitor = UUID.randomUUID();
        UUID event = UUID.randomUUID();

        assertThat(ids.seen(monitor, event, NOW)).isFalse();
        ids.remember(monitor, event, NOW);

        assertThat(ids.seen(monitor, event, NOW + 60_000)).as("a retry a minute later").isTrue();
        assertThat(ids.seen(monitor, event, NOW - 60_000)).as("from a gateway whose clock is behind").isTrue();
        assertThat(ids.seen(UUID.randomUUID(), event, NOW)).as("the same id under another monitor").isFalse();
        assertThat(ids.seen(monitor, event, NOW + MEMORY.toMillis() + 1)).as("past the memory").isFalse();
    }

    @Test
    void shouldWriteItsMarkerOnlyIntoAStoreThatHoldsNoIdAndNeverMoveTheStoresClock() {
        EventIdMemory empty = attached(1_000);
        empty.keepOffsetTracked();
        empty.keepOffsetTracked();
        assertThat(storedIds()).as("one marker, at the epoch").containsExactly(0L);

        UUID monitor = UUID.randomUUID();
        UUID event = UUID.randomUUID();
        EventIdMemory restarted = attached(1_000);
        restarted.remember(monitor, event, NOW);
        restarted.keepOffsetTracked();
        assertThat(storedIds()).as("the run's time expired the marker").containsExactly(NOW);
        assertThat(restarted.seen(monitor, event, NOW)).isTrue();
        assertThat(restarted.seen(new UUID(0, 0), new UUID(0, 0), NOW)).as("the marker is far from any run").isFalse();
    }

    /** The record times of every id in the store, oldest first. */
    private List<Long> storedIds() {
        List<Long> times = new ArrayList<>();
        try (var all = store.all()) {
            all.forEachRemaining(entry -> times.add(entry.key.window().start()));
        }
        return times;
    }

    @Test
    void shouldSeeWhatTheStoreHeldWhenAttachedAgainAndEveryIdAfterItsFilterIsRebuilt() {
        EventIdMemory first = attached(1_000);
        List<UUID[]> remembered = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            UUID monitor = new UUID(0, random.nextInt(50));
            UUID event = new UUID(random.nextLong(), random.nextLong());
            first.remember(monitor, event, NOW + i);
            remembered.add(new UUID[] {monitor, event});
        }
        assertThat(first.idsInFilter()).as("rebuilt from the store as it filled").isEqualTo(5_000);

        // A restarted task: the store was restored, the filter is built from it.
        EventIdMemory restarted = attached(1_000);
        assertThat(restarted.idsInFilter()).isEqualTo(5_000);
        for (UUID[] id : remembered) {
            assertThat(first.seen(id[0], id[1], NOW)).isTrue();
            assertThat(restarted.seen(id[0], id[1], NOW)).isTrue();
        }
        int falseAlarms = 0;
        for (int i = 0; i < 5_000; i++) {
            if (restarted.seen(new UUID(0, random.nextInt(50)), new UUID(random.nextLong(), random.nextLong()), NOW)) {
                falseAlarms++;
            }
        }
        assertThat(falseAlarms).as("ids never remembered are not seen").isZero();
    }

    @Test
    void filterNeverForgetsAKeyAndSaysMaybeForFewOthersWithinItsCapacity() {
        SeenFilter filter = new SeenFilter(100_000);
        Random random = new Random(11);
        long[][] keys = new long[100_000][];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = new long[] {random.nextLong(), random.nextLong()};
            filter.add(keys[i][0], keys[i][1]);
        }
        for (long[] key : keys) {
            assertThat(filter.mightContain(key[0], key[1])).isTrue();
        }
        int maybe = 0;
        for (int i = 0; i < 100_000; i++) {
            if (filter.mightContain(random.nextLong(), random.nextLong())) {
                maybe++;
            }
        }
        assertThat(maybe).as("false positives of 100,000").isLessThan(2_000);
        assertThat(filter.isFull()).isTrue();
    }

    private EventIdMemory attached(long minFilterCapacity) {
        EventIdMemory ids = new EventIdMemory(MEMORY, minFilterCapacity);
        ids.attach(store);
        return ids;
    }
}
