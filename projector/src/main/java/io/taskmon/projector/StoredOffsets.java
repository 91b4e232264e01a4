package io.taskmon.projector;

import io.taskmon.projector.db.ProjectorOffsetDao.PartitionOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where each assigned partition stands: the offset stored in the database as this instance last
 * saw it, and the offset the last queued batch moves it to. The consumer resumes from the
 * database, never from Kafka.
 */
final class StoredOffsets {

    private static final Logger LOG = LoggerFactory.getLogger(StoredOffsets.class);

    private final String consumerGroup;
    private final ReadModelWriter writer;
    private final DatabaseRetry retry;
    /**
     * Each lane updates its own partitions; the loop thread replaces entries only while the
     * lanes are drained.
     */
    private final Map<TopicPartition, Long> stored = new ConcurrentHashMap<>();
    /** Loop thread only. */
    private final Map<TopicPartition, Long> queued = new HashMap<>();

    StoredOffsets(String consumerGroup, ReadModelWriter writer, DatabaseRetry retry) {
        this.consumerGroup = consumerGroup;
        this.writer = writer;
        this.retry = retry;
    }

    /** The stored offsets a batch expects to move from; a lane thread updates them after its commit. */
    Map<TopicPartition, Long> stored() {
        return stored;
    }

    void written(Map<TopicPartition, Long> offsets) {
        stored.putAll(offsets);
    }

    void queued(Map<TopicPartition, Long> offsets) {
        queued.putAll(offsets);
    }

    /**
     * The positions a poll moves its partitions to. It stores the consumer's position, not just
     * the offset after the last record: transaction markers of read_committed topics take
     * offsets too, and a stored offset short of the end would make a caught-up projector look
     * behind. Partitions that only passed markers move without rows.
     */
    Map<TopicPartition, Long> positionsAfter(Consumer<byte[], byte[]> kafka, ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        Set<TopicPartition> withRecords = records.partitions();
        for (TopicPartition partition : kafka.assignment()) {
            boolean hadRecords = withRecords.contains(partition);
            Long known = queued.get(partition);
            if (!hadRecords && known == null) {
                continue; // never read: its position may need a round trip to Kafka, and there is nothing to store
            }
            long position = kafka.position(partition);
            if (hadRecords || position > known) {
                positions.put(partition, position);
            }
        }
        return positions;
    }

    /** Positions each partition where the database says the last batch ended; from the beginning when it says nothing. */
    void seekToStored(Consumer<byte[], byte[]> kafka, Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> inDatabase = inDatabase(retry.untilTheDatabaseAnswers("read its offsets",
                writer::committedOffsets).orElseThrow(WakeupException::new));
        for (TopicPartition partition : partitions) {
            Long next = inDatabase.get(partition);
            if (next == null) {
                stored.remove(partition);
                queued.remove(partition);
                kafka.seekToBeginning(List.of(partition));
            } else {
                stored.put(partition, next);
                queued.put(partition, next);
                kafka.seek(partition, next);
            }
        }
    }

    /**
     * An idle instance writes nothing, so it would not notice a rebuild through a failed
     * offset move; it compares its offsets with the stored ones instead.
     */
    void noticeMovedOffsets(Consumer<byte[], byte[]> kafka) {
        Map<TopicPartition, Long> inDatabase;
        try {
            inDatabase = inDatabase(writer.committedOffsets());
        } catch (RuntimeException e) {
            return; // the database is away; the next write says so and retries
        }
        for (TopicPartition partition : kafka.assignment()) {
            if (!Objects.equals(inDatabase.get(partition), stored.get(partition))) {
                LOG.info("Projector {}: the stored offsets changed (a rebuild?); reading the topics from them",
                        consumerGroup);
                seekToStored(kafka, kafka.assignment());
                return;
            }
        }
    }

    /** Partitions this instance no longer reads; their queued batches must have been written. */
    void forget(Collection<TopicPartition> partitions) {
        stored.keySet().removeAll(Set.copyOf(partitions));
        queued.keySet().removeAll(Set.copyOf(partitions));
    }

    private static Map<TopicPartition, Long> inDatabase(List<PartitionOffset> committed) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (PartitionOffset offset : committed) {
            offsets.put(new TopicPartition(offset.topic(), offset.partition()), offset.nextOffset());
        }
        return offsets;
    }
}
