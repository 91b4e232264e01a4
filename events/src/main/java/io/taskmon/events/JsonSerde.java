package io.taskmon.events;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * JSON serde for one event record type. Unreadable bytes raise Kafka's
 * {@link SerializationException}, which consumers route to the dead-letter path instead of
 * crashing on.
 *
 * <p>The serializer and deserializer are made on first use, once: every topic has a serde, and
 * building a reader up front (Jackson introspects the whole record type) for all of them cost a
 * process that only writes one topic, such as an ETL run, about a tenth of a second at its start.
 */
public final class JsonSerde<T> implements Serde<T> {

    private final Class<T> type;
    private final Lazy<Serializer<T>> serializer = new Lazy<>(this::newSerializer);
    private final Lazy<Deserializer<T>> deserializer = new Lazy<>(this::newDeserializer);

    public JsonSerde(Class<T> type) {
        this.type = type;
    }

    @Override
    public Serializer<T> serializer() {
        return serializer.get();
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer.get();
    }

    private Serializer<T> newSerializer() {
        ObjectWriter writer = EventJson.mapper().writerFor(type);
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                return writer.writeValueAsBytes(value);
            } catch (IOException e) {
                throw new SerializationException("cannot write " + type.getSimpleName() + " for " + topic, e);
            }
        };
    }

    private Deserializer<T> newDeserializer() {
        ObjectReader reader = EventJson.mapper().readerFor(type);
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return reader.readValue(bytes);
            } catch (IOException | RuntimeException e) {
                throw new SerializationException(
                        "cannot read " + type.getSimpleName() + " from " + topic + ": " + e.getMessage(), e);
            }
        };
    }

    /**
     * Made on first {@link #get}. What it holds is immutable and thread-safe, so two threads
     * racing to make it both get a good one.
     */
    private static final class Lazy<V> {
        private final Supplier<V> maker;
        private volatile V value;

        Lazy(Supplier<V> maker) {
            this.maker = maker;
        }

        V get() {
            V made = value;
            if (made == null) {
                made = maker.get();
                value = made;
            }
            return made;
        }
    }
}
