package io.taskmon.projector;

import io.taskmon.projector.ReadModelWriter.OffsetsMovedException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queues each poll on the writer lanes, by partition number, while the loop reads on: each
 * lane writes its partitions' rows with their offsets in one transaction, so each partition
 * still moves exactly with its rows, and several batches reach PostgreSQL at once.
 */
final class LaneDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(LaneDispatcher.class);

    private final String consumerGroup;
    private final WriterLanes lanes;
    private final StoredOffsets offsets;
    private final ReadModelWriter writer;
    private final DatabaseRetry retry;

    LaneDispatcher(String consumerGroup, WriterLanes lanes, StoredOffsets offsets, ReadModelWriter writer,
                   DatabaseRetry retry) {
        this.consumerGroup = consumerGroup;
        this.lanes = lanes;
        this.offsets = offsets;
        this.writer = writer;
        this.retry = retry;
    }

    /** Queues the records of one poll with the positions their partitions move to. */
    void queue(ConsumerRecords<byte[], byte[]> records, Map<TopicPartition, Long> positions)
            throws InterruptedException {
        Map<Integer, List<ConsumerRecord<byte[], byte[]>>> laneRecords = new TreeMap<>();
        Map<Integer, Map<TopicPartition, Long>> laneOffsets = new TreeMap<>();
        positions.forEach((partition, next) -> {
            int lane = partition.partition() % lanes.count();
            laneOffsets.computeIfAbsent(lane, l -> new HashMap<>()).put(partition, next);
            laneRecords.computeIfAbsent(lane, l -> new ArrayList<>()).addAll(records.records(partition));
        });
        for (Map.Entry<Integer, Map<TopicPartition, Long>> entry : laneOffsets.entrySet()) {
            int lane = entry.getKey();
            lanes.submit(lane, () -> write(lane, laneRecords.get(lane), entry.getValue()));
            offsets.queued(entry.getValue());
        }
    }

    private void write(int lane, List<ConsumerRecord<byte[], byte[]>> records, Map<TopicPartition, Long> next) {
        if (lanes.offsetsMoved(lane)) {
            return; // an earlier batch of this lane was fenced off; the loop re-reads the offsets
        }
        ProjectedBatch batch = ProjectedBatch.of(records);
        batch.nextOffsets.clear();
        batch.nextOffsets.putAll(next);
        try {
            retry.untilTheDatabaseAnswers("write to the database", () -> writer.write(batch, offsets.stored()))
                    .ifPresent(refused -> {
                        offsets.written(next);
                        if (refused > 0) {
                            LOG.warn("Projected {} records; {} refused ones went to the dead-letter topic",
                                    batch.records.size(), refused);
                        }
                    });
        } catch (OffsetsMovedException e) {
            LOG.warn("Projector {}: {}; reading the stored offsets again", consumerGroup, e.getMessage());
            lanes.markOffsetsMoved(lane);
        }
    }
}
