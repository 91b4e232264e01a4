package io.taskmon.streams;

import io.taskmon.embedded.SharedInfrastructure;
import io.taskmon.events.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a topic of the shared broker as an alerting consumer would: read_committed, so only what
 * exactly-once transactions committed, and without a consumer group.
 */
final class CommittedReader<K, V> implements AutoCloseable {

    private final Topic<K, V> topic;
    private final KafkaConsumer<K, V> consumer;
    private final List<TopicPartition> partitions;

    CommittedReader(Topic<K, V> topic) {
        this.topic = topic;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        this.partitions = consumer.partitionsFor(topic.name()).stream()
                .map(p -> new TopicPartition(topic.name(), p.partition())).toList();
    }

    /** Where the topic ends now: reading from here skips everything already on it. */
    Map<TopicPartition, Long> endOffsets() {
        return consumer.endOffsets(partitions);
    }

    /** Every committed record from {@code from} (or the beginning) up to the current end whose key passes. */
    List<ConsumerRecord<K, V>> read(Map<TopicPartition, Long> from, Predicate<K> keys) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        consumer.assign(partitions);
        for (TopicPartition partition : partitions) {
            consumer.seek(partition, from == null ? 0 : from.getOrDefault(partition, 0L));
        }
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        Map<TopicPartition, Long> remaining = new HashMap<>(end);
        remaining.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!remaining.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + topic.name() + " to its end within 30 s");
            }
            for (ConsumerRecord<K, V> record : consumer.poll(Duration.ofMillis(200))) {
                if (keys.test(record.key())) {
                    records.add(record);
                }
            }
            Set<TopicPartition> done = new HashSet<>();
            for (Map.Entry<TopicPartition, Long> e : remaining.entrySet()) {
                if (consumer.position(e.getKey()) >= e.getValue()) {
                    done.add(e.getKey());
                }
            }
            done.forEach(remaining::remove);
        }
        return records;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
