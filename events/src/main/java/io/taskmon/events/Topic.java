package io.taskmon.events;

import org.apache.kafka.common.serialization.Serde;

/**
 * A topic's contract: its name, how its keys and values are encoded, and how long it keeps
 * records. Code refers to the constants in {@link Topics}, never to a topic name string.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, Retention retention) {

    /** How a topic keeps its records, which becomes its {@code cleanup.policy}. */
    public enum Retention {
        /** Every record, for a long time: a replay source. */
        LONG_DELETE("delete"),
        /** Every record, for a day: a signal that is worth nothing once processed (clock ticks). */
        SHORT_DELETE("delete"),
        /** Only the latest value per key: a table. */
        COMPACT("compact");

        private final String cleanupPolicy;

        Retention(String cleanupPolicy) {
            this.cleanupPolicy = cleanupPolicy;
        }

        public String cleanupPolicy() {
            return cleanupPolicy;
        }
    }
}
