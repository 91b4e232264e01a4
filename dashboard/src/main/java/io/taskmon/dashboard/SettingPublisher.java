package io.taskmon.dashboard;

import io.micronaut.http.HttpStatus;
import io.taskmon.events.MonitorSettingChanged;
import io.taskmon.events.Topics;
import io.taskmon.web.RequestRejected;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes settings changes to {@link Topics#MONITOR_SETTINGS}, keyed by monitor id, and
 * returns only once the broker has them durably (acks=all, idempotent producer). The read model
 * follows through monitor-streams and the projector like every other change.
 *
 * <p>The producer is created on the first change: a dashboard that only reads never connects to
 * Kafka, and one without a broker configured answers changes with 503 instead of failing to start.
 */
public final class SettingPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SettingPublisher.class);
    static final int RETRY_AFTER_SECONDS = 5;

    private final String bootstrapServers;
    private final Duration deliveryTimeout;
    private final Map<String, String> kafkaClient;
    private KafkaProducer<UUID, MonitorSettingChanged> producer;

    /** {@code kafkaClient} is applied on top of the producer's own properties (a secured cluster). */
    public SettingPublisher(String bootstrapServers, Duration deliveryTimeout, Map<String, String> kafkaClient) {
        this.bootstrapServers = bootstrapServers;
        this.deliveryTimeout = deliveryTimeout;
        this.kafkaClient = kafkaClient;
    }

    /** Blocks until the broker acknowledged the change; throws a 503 rejection when it cannot. */
    public void publish(MonitorSettingChanged change) {
        try {
            producer().send(new ProducerRecord<>(Topics.MONITOR_SETTINGS.name(), change.monitorId(), change)).get();
        } catch (ExecutionException | KafkaException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            LOG.warn("Kafka did not take setting change {} of monitor {}: {}", change.eventId(), change.monitorId(),
                    cause.toString());
            throw unavailable("Kafka is unavailable, so the change was not accepted; retry later", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("The change was interrupted and not accepted; retry later", e);
        }
    }

    private synchronized KafkaProducer<UUID, MonitorSettingChanged> producer() {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw unavailable("This dashboard has no Kafka configured (KAFKA_BOOTSTRAP_SERVERS), so it cannot"
                    + " change monitors", null);
        }
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            // A person is waiting for each change; nothing is gained by batching. The producer also
            // demands delivery timeout >= linger + request timeout.
            props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            int deliveryMs = (int) deliveryTimeout.toMillis();
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryMs);
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, deliveryMs);
            // Waiting for metadata counts against the person waiting too; bound it the same way.
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, deliveryMs);
            props.putAll(kafkaClient);
            producer = new KafkaProducer<>(props, Topics.MONITOR_SETTINGS.keySerde().serializer(),
                    Topics.MONITOR_SETTINGS.valueSerde().serializer());
        }
        return producer;
    }

    private static RequestRejected unavailable(String sentence, Throwable cause) {
        return new RequestRejected(HttpStatus.SERVICE_UNAVAILABLE, sentence, RETRY_AFTER_SECONDS, cause);
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
