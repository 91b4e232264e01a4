package io.taskmon.projector;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.taskmon.events.EventJson;
import io.taskmon.events.Topic;
import java.io.IOException;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Reads a projected topic's values as its serde does (the same mapping, the same error
 * sentences), with the canonical instant form read straight from its digits: the projector
 * decodes every event of every topic, and date parsing was most of that work.
 */
final class EventReader<V> {

    private static final ObjectMapper MAPPER = EventJson.mapper().copy()
            .registerModule(new SimpleModule("taskmon-canonical-instants")
                    .addDeserializer(Instant.class, new CanonicalInstantDeserializer()));

    private final String topic;
    private final Class<V> type;
    private final ObjectReader reader;

    EventReader(Topic<?, V> topic, Class<V> type) {
        this.topic = topic.name();
        this.type = type;
        this.reader = MAPPER.readerFor(type);
    }

    String topic() {
        return topic;
    }

    /** The value, or null for JSON null; unreadable bytes raise what the topic's serde raises. */
    V read(byte[] bytes) {
        try {
            return reader.readValue(bytes);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(
                    "cannot read " + type.getSimpleName() + " from " + topic + ": " + e.getMessage(), e);
        }
    }
}
