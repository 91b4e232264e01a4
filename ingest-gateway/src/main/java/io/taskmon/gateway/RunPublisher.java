package io.taskmon.gateway;

import io.micronaut.http.HttpStatus;
import io.taskmon.events.TaskRunReported;
import io.taskmon.events.Topics;
import java.time.Duration;
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
 * Publishes accepted reports to {@link Topics#TASK_RUNS}, keyed by monitor id, and returns only
 * once the broker has them durably (acks=all, idempotent producer).
 *
 * <p>The producer gives up on a record after {@code deliveryTimeout}, and this class waits for
 * that outcome rather than for a timer of its own: when the answer is 503 the record has
 * definitely not been written, so nothing is half-accepted.
 */
public final class RunPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunPublisher.class);
    static final int RETRY_AFTER_SECONDS = 5;

    private final KafkaProducer<UUID, TaskRunReported> producer;

    public RunPublisher(String bootstrapServers, Duration deliveryTimeout) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        int deliveryMs = (int) deliveryTimeout.toMillis();
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryMs);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1000, deliveryMs - 2));
        // Waiting for metadata counts against the caller too; bound it the same way.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, deliveryMs);
        this.producer = new KafkaProducer<>(props,
                Topics.TASK_RUNS.keySerde().serializer(), Topics.TASK_RUNS.valueSerde().serializer());
    }

    /** Blocks until the broker acknowledged the run; throws a 503 rejection when it cannot. */
    public void publish(TaskRunReported run) {
        try {
            producer.send(new ProducerRecord<>(Topics.TASK_RUNS.name(), run.monitorId(), run)).get();
        } catch (ExecutionException | KafkaException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            LOG.warn("Kafka did not take run {} of {}: {}", run.eventId(), run.taskKey(), cause.toString());
            throw unavailable(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        }
    }

    private static RequestRejected unavailable(Throwable cause) {
        return new RequestRejected(HttpStatus.SERVICE_UNAVAILABLE,
                "Kafka is unavailable, so the report was not accepted; retry later", RETRY_AFTER_SECONDS, cause);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
