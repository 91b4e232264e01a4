package io.taskmon.projector;

import io.taskmon.events.Topic;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Publishes events to the real broker and waits until Kafka has them. */
final class Publisher implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;

    Publisher(String bootstrap) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    <V> void send(Topic<UUID, V> topic, UUID key, V value) {
        sendAll(topic, List.of(Map.entry(key, value)));
    }

    <V> void sendAll(Topic<UUID, V> topic, List<Map.Entry<UUID, V>> events) {
        try {
            List<Future<RecordMetadata>> acks = new java.util.ArrayList<>();
            for (Map.Entry<UUID, V> event : events) {
                acks.add(producer.send(new ProducerRecord<>(topic.name(),
                        topic.keySerde().serializer().serialize(topic.name(), event.getKey()),
                        topic.valueSerde().serializer().serialize(topic.name(), event.getValue()))));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get(60, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + topic.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
