package io.taskmon.streams;

import io.taskmon.events.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Finishes a transaction that its coordinator committed but whose commit markers never reached
 * some of its partitions: the way a producer of the same producer id ends it.
 *
 * <p>A broker accepts an end marker only from the transaction's coordinator, and the admin API
 * can only abort, which here would take back changes whose offsets or siblings are already
 * committed. But a partition's open transaction belongs to a producer id, not to an epoch: a
 * later epoch of the same producer that writes to the partition continues it, and that epoch's
 * commit marker commits everything from the transaction's first offset. So a producer with the
 * transaction's transactional id (same producer id, next epoch) writes to each open partition
 * again the transaction's own last record there, and commits. Writing a record twice in a row
 * changes nothing for a changelog (the same key gets the same value) nor for taskmon's readers
 * of its output topics (they keep one row per key, alert id or event id). If the consumer
 * offsets are among the open partitions, the transaction's pending offset commit is completed
 * with it: the new transaction commits one offset of its own, for a partition the group does
 * not read, which brings the group's partition into the transaction.
 */
final class DroppedCommit {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

    private final Map<String, Object> clientProperties;
    private final String groupId;

    DroppedCommit(String bootstrapServers, Map<String, String> kafkaClient, String groupId) {
        this.clientProperties = new HashMap<>(kafkaClient);
        clientProperties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.groupId = groupId;
    }

    void complete(HangingTransactions.OpenTransaction transaction, String transactionalId) throws Exception {
        Map<TopicPartition, ConsumerRecord<byte[], byte[]>> last = lastRecords(transaction);
        Properties producerProperties = new Properties();
        producerProperties.putAll(clientProperties);
        producerProperties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        producerProperties.put(ProducerConfig.CLIENT_ID_CONFIG, "taskmon-monitor-streams-recovery");
        // Bounded, so that a broker that does not answer fails this try (the recovery tries
        // again) instead of holding the start.
        producerProperties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(CALL_TIMEOUT.toMillis()));
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties,
                new ByteArraySerializer(), new ByteArraySerializer());
        try {
            producer.initTransactions();
            producer.beginTransaction();
            for (Map.Entry<TopicPartition, ConsumerRecord<byte[], byte[]>> entry : last.entrySet()) {
                ConsumerRecord<byte[], byte[]> record = entry.getValue();
                producer.send(new ProducerRecord<>(entry.getKey().topic(), entry.getKey().partition(),
                        record.timestamp(), record.key(), record.value(), record.headers()));
            }
            if (transaction.holdsOffsets()) {
                producer.sendOffsetsToTransaction(Map.of(new TopicPartition(Topics.DEAD_LETTER.name(), 0),
                                new OffsetAndMetadata(0, "completes a transaction its coordinator committed")),
                        new ConsumerGroupMetadata(groupId));
            }
            producer.commitTransaction();
        } finally {
            producer.close(CALL_TIMEOUT);
        }
    }

    /** The last record the transaction wrote to each of its open data partitions. */
    private Map<TopicPartition, ConsumerRecord<byte[], byte[]>> lastRecords(
            HangingTransactions.OpenTransaction transaction) {
        Map<String, Object> consumerProperties = new HashMap<>(clientProperties);
        consumerProperties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<TopicPartition, ConsumerRecord<byte[], byte[]>> last = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties,
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            for (Map.Entry<TopicPartition, Long> open : transaction.startOffsets().entrySet()) {
                TopicPartition partition = open.getKey();
                if (partition.topic().equals(Topic.GROUP_METADATA_TOPIC_NAME)) {
                    continue;
                }
                consumer.assign(Set.of(partition));
                long end = consumer.endOffsets(Set.of(partition)).get(partition);
                consumer.seek(partition, open.getValue());
                long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
                while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        last.put(partition, record);
                    }
                }
                if (!last.containsKey(partition)) {
                    throw new IllegalStateException("found no record of the transaction on " + partition);
                }
            }
        }
        return last;
    }
}
