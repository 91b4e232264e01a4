package io.taskmon.notifier.admin;

import io.micronaut.http.HttpStatus;
import io.taskmon.events.NotifierSetting;
import io.taskmon.events.Topics;
import io.taskmon.web.RequestRejected;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * Publishes channel and route changes to {@link Topics#NOTIFIER_CONFIG} and returns once the
 * broker has them durably (acks=all, idempotent producer); a deletion is a tombstone.
 */
public final class NotifierConfigPublisher implements AutoCloseable {

    static final int RETRY_AFTER_SECONDS = 5;

    private final KafkaProducer<String, NotifierSetting> producer;

    public NotifierConfigPublisher(String bootstrapServers, Duration deliveryTimeout, Map<String, String> kafkaClient) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // A person waits for each change: no batching, and every wait bounded by the delivery timeout.
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        int deliveryMs = (int) deliveryTimeout.toMillis();
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryMs);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, deliveryMs);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, deliveryMs);
        props.putAll(kafkaClient);
        producer = new KafkaProducer<>(props, Topics.NOTIFIER_CONFIG.keySerde().serializer(),
                Topics.NOTIFIER_CONFIG.valueSerde().serializer());
    }

    /** Publishes {@code setting} (null: deletes) under {@code key}; a 503 rejection when Kafka cannot take it. */
    public RecordMetadata publish(String key, NotifierSetting setting) {
        try {
            return producer.send(new ProducerRecord<>(Topics.NOTIFIER_CONFIG.name(), key, setting)).get();
        } catch (ExecutionException | KafkaException e) {
            throw new RequestRejected(HttpStatus.SERVICE_UNAVAILABLE,
                    "Kafka is unavailable, so the change was not accepted; retry later", RETRY_AFTER_SECONDS, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RequestRejected(HttpStatus.SERVICE_UNAVAILABLE,
                    "The change was interrupted and not accepted; retry later", RETRY_AFTER_SECONDS, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
