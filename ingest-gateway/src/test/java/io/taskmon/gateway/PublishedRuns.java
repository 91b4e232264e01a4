package io.taskmon.gateway;

import io.micronaut.runtime.server.EmbeddedServer;
import io.taskmon.embedded.SharedInfrastructure;
import io.taskmon.events.TaskRunReported;
import io.taskmon.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Every run report on the task-runs topic since the start, read back as a test's proof of what
 * the gateway published. Each instance has its own consumer group, so tests do not share reads.
 */
final class PublishedRuns implements AutoCloseable {

    private final KafkaConsumer<UUID, TaskRunReported> consumer;
    private final List<ConsumerRecord<UUID, TaskRunReported>> seen = new ArrayList<>();

    PublishedRuns(String groupPrefix) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, groupPrefix + "-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                Topics.TASK_RUNS.keySerde().deserializer(), Topics.TASK_RUNS.valueSerde().deserializer());
        consumer.subscribe(List.of(Topics.TASK_RUNS.name()));
    }

    /** The gateway on a free port, publishing to the shared test broker, accepting these keys. */
    static EmbeddedServer startGateway(String keys) {
        return GatewayServer.start(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", SharedInfrastructure.kafkaBootstrapServers(),
                "TASKMON_INGEST_KEYS", keys));
    }

    /** Polls once for up to {@code wait}, then answers everything read so far. */
    List<ConsumerRecord<UUID, TaskRunReported>> poll(Duration wait) {
        consumer.poll(wait).forEach(seen::add);
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
