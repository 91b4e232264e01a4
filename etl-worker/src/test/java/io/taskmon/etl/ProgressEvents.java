package io.taskmon.etl;

import static org.awaitility.Awaitility.await;

import io.taskmon.embedded.SharedInfrastructure;
import io.taskmon.events.EtlProgress;
import io.taskmon.events.TaskRunReported;
import io.taskmon.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads one job run's progress events from the real topic, in the order Kafka holds them. */
final class ProgressEvents {

    record Received(int partition, EtlProgress event) {
    }

    private ProgressEvents() {
    }

    /** Every event of the run, once its JobFinished has arrived. */
    static List<Received> ofRun(UUID jobRunId) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<Received> received = new ArrayList<>();
        try (KafkaConsumer<UUID, EtlProgress> consumer = new KafkaConsumer<>(config,
                Topics.ETL_PROGRESS.keySerde().deserializer(), Topics.ETL_PROGRESS.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ETL_PROGRESS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<UUID, EtlProgress> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key().equals(jobRunId)) {
                        received.add(new Received(record.partition(), record.value()));
                    }
                }
                return received.stream().anyMatch(r -> r.event() instanceof EtlProgress.JobFinished);
            });
        }
        return received;
    }

    /** The run reports of one monitor on the runs topic, in topic order, once a finished one has arrived. */
    static List<TaskRunReported> runReportsOf(UUID monitorId) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<TaskRunReported> received = new ArrayList<>();
        try (KafkaConsumer<UUID, TaskRunReported> consumer = new KafkaConsumer<>(config,
                Topics.TASK_RUNS.keySerde().deserializer(), Topics.TASK_RUNS.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.TASK_RUNS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<UUID, TaskRunReported> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key().equals(monitorId)) {
                        received.add(record.value());
                    }
                }
                return received.stream().anyMatch(r -> r.status().isFinished());
            });
        }
        return received;
    }

    static Set<Integer> partitions(List<Received> received) {
        Set<Integer> partitions = new TreeSet<>();
        received.forEach(r -> partitions.add(r.partition()));
        return partitions;
    }

    static <T extends EtlProgress> List<T> only(List<Received> received, Class<T> type) {
        return received.stream().map(Received::event).filter(type::isInstance).map(type::cast).toList();
    }
}
