package io.taskmon.events;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * JSON serde for one event record type. Unreadable bytes raise Kafka's
 * {@link SerializationException}, which consumers route to the dead-letter path instead of
 * crashing on.
 *
 * <p>The reader and the writer are made on first use: every topic has a serde, and building a
 * reader up front (Jackson introspects the whole record type) for all of them cost a process
 * that only writes one topic, such as an ETL run, about a tenth of a second at its start.
 */
public final class JsonSerde<T> implements Serde<T> {

    private final Class<T> type;
    // Immutable and thread-safe once made; two threads racing to make one both get a good one.
    private volatile ObjectReader reader;
    private volatile ObjectWriter writer;

    public JsonSerde(Class<T> type) {
        this.type = type;
    }

    private ObjectReader reader() {
        ObjectReader made = reader;
        if (made == null) {
            made = EventJson.mapper().readerFor(type);
            reader = made;
        }
        return made;
    }

    private ObjectWriter writer() {
        ObjectWriter made = writer;
        if (made == null) {
            made = EventJson.mapper().writerFor(type);
            writer = made;
        }
        return made;
    }

    @Override
    public Serializer<T> serializer() {
        ObjectWriter writer = writer();
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

    @Override
    public Deserializer<T> deserializer() {
        ObjectReader reader = reader();
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
}
