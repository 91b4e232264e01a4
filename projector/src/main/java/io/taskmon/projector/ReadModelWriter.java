package io.taskmon.projector;

import io.taskmon.projector.db.ProjectorOffsetDao;
import io.taskmon.projector.db.ProjectorOffsetDao.PartitionOffset;
import io.taskmon.projector.db.TaskMonitorDao;
import io.taskmon.projector.db.TaskRunDao;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jdbi.v3.core.Jdbi;

/**
 * Writes a batch of records into the read model together with the offsets that follow it, in
 * one transaction: after a crash the projector resumes exactly after the last batch that
 * committed, so no row is lost or doubled.
 */
public final class ReadModelWriter {

    private final Jdbi jdbi;
    private final String consumerGroup;

    public ReadModelWriter(Jdbi jdbi, String consumerGroup) {
        this.jdbi = jdbi;
        this.consumerGroup = consumerGroup;
    }

    /** Projects the records; returns how many were skipped as unreadable. */
    public int write(Iterable<ConsumerRecord<byte[], byte[]>> records) {
        ProjectedBatch batch = ProjectedBatch.of(records);
        if (batch.nextOffsets.isEmpty()) {
            return 0;
        }
        jdbi.useTransaction(handle -> {
            if (!batch.runs.isEmpty()) {
                handle.attach(TaskRunDao.class).upsert(batch.runs);
            }
            if (!batch.monitors.isEmpty()) {
                handle.attach(TaskMonitorDao.class).upsert(new ArrayList<>(batch.monitors.values()));
            }
            handle.attach(ProjectorOffsetDao.class).save(consumerGroup, batch.offsets());
        });
        return batch.skipped;
    }

    /** Where this consumer group stopped, partition by partition. */
    public List<PartitionOffset> committedOffsets() {
        return jdbi.withExtension(ProjectorOffsetDao.class, dao -> dao.findAll(consumerGroup));
    }
}
