package io.taskmon.notifier;

import io.taskmon.events.Delivery;
import io.taskmon.events.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Writes delivery steps to {@link Topics#NOTIFICATIONS}, keyed by delivery id. Thread-safe. */
public final class DeliveryRecorder implements AutoCloseable {

    private final KafkaProducer<UUID, Delivery> producer;

    public DeliveryRecorder(String bootstrapServers, Map<String, String> kafkaClient) {
        producer = new KafkaProducer<>(KafkaClients.producer(bootstrapServers, kafkaClient),
                Topics.NOTIFICATIONS.keySerde().serializer(), Topics.NOTIFICATIONS.valueSerde().serializer());
    }

    public Future<RecordMetadata> record(Delivery delivery) {
        return producer.send(new ProducerRecord<>(Topics.NOTIFICATIONS.name(), delivery.deliveryId(), delivery));
    }

    /** Writes the step without waiting; {@code done} hears whether Kafka took it. */
    public void record(Delivery delivery, Callback done) {
        producer.send(new ProducerRecord<>(Topics.NOTIFICATIONS.name(), delivery.deliveryId(), delivery), done);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
