package io.taskmon.projector;

import io.taskmon.events.Topic;
import io.taskmon.projector.db.ProjectorOffsetDao;
import io.taskmon.projector.db.ProjectorOffsetDao.PartitionOffset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jdbi.v3.core.Jdbi;

/**
 * How far a consumer group's read model is behind the topics: for every partition, the end
 * (the last committed offset, as a read_committed consumer sees it) minus the offset stored in
 * the database. Zero means every record published so far is in the read model.
 */
public final class ProjectorLag implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaConsumer<byte[], byte[]> kafka;
    private final Jdbi jdbi;
    private final String consumerGroup;

    public ProjectorLag(String bootstrapServers, Jdbi jdbi, String consumerGroup) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.kafka = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.jdbi = jdbi;
        this.consumerGroup = consumerGroup;
    }

    /** Records published but not yet in the read model, over all projected topics. */
    public long records() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (Topic<?, ?> topic : RecordProjection.TOPICS) {
            for (PartitionInfo info : kafka.partitionsFor(topic.name(), TIMEOUT)) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
        }
        // Assigned (never polled), so the consumer may keep the last stable offsets it is sent.
        kafka.assign(partitions);
        Map<TopicPartition, Long> ends = kafka.endOffsets(partitions, TIMEOUT);
        Map<TopicPartition, Long> beginnings = kafka.beginningOffsets(partitions, TIMEOUT);
        Map<TopicPartition, Long> stored = new HashMap<>();
        for (PartitionOffset offset : jdbi.withExtension(ProjectorOffsetDao.class, dao -> dao.findAll(consumerGroup))) {
            stored.put(new TopicPartition(offset.topic(), offset.partition()), offset.nextOffset());
        }
        long lag = 0;
        for (TopicPartition partition : partitions) {
            long from = stored.getOrDefault(partition, beginnings.getOrDefault(partition, 0L));
            lag += Math.max(0, ends.getOrDefault(partition, 0L) - from);
        }
        return lag;
    }

    @Override
    public void close() {
        kafka.close();
    }
}
