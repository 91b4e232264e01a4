package io.taskmon.projector;

import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Resumes assigned partitions from the offsets in the database. Offsets are committed with
 * every batch, so once the queued batches are written nothing is pending for a partition that
 * moves away.
 */
final class ResumeFromDatabase implements ConsumerRebalanceListener {

    private final Consumer<byte[], byte[]> kafka;
    private final WriterLanes lanes;
    private final StoredOffsets offsets;
    private volatile boolean joined;

    ResumeFromDatabase(Consumer<byte[], byte[]> kafka, WriterLanes lanes, StoredOffsets offsets) {
        this.kafka = kafka;
        this.lanes = lanes;
        this.offsets = offsets;
    }

    /** True once the consumer has been given its partitions the first time. */
    boolean joined() {
        return joined;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        drainLanes();
        offsets.seekToStored(kafka, partitions);
        joined = true;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        drainLanes();
        offsets.forget(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        onPartitionsRevoked(partitions);
    }

    private void drainLanes() {
        try {
            lanes.drain();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
    }
}
