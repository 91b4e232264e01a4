package io.taskmon.projector.db;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** {@code taskmon.projector_offsets}: where each consumer group goes on after a restart. */
@RegisterConstructorMapper(ProjectorOffsetDao.PartitionOffset.class)
public interface ProjectorOffsetDao {

    /** The next offset to read of one partition. */
    record PartitionOffset(String topic, int partition, long nextOffset) {
    }

    /**
     * Moving a partition on from where this instance last saw it.
     *
     * @param expected the stored offset this instance read or wrote last; {@code null} when there was no row
     */
    record OffsetMove(String topic, int partition, Long expected, long next) {
    }

    /**
     * Moves partitions that had no row yet. A partition someone else stored meanwhile is left
     * alone, and its count in the answer is 0.
     */
    @SqlBatch("""
            insert into taskmon.projector_offsets (consumer_group, topic, partition, next_offset)
            values (:group, :topic, :partition, :next)
            on conflict (consumer_group, topic, partition) do nothing
            """)
    int[] claimNew(@Bind("group") String group, @BindMethods List<OffsetMove> moves);

    /**
     * Moves partitions only from the offset this instance expects. A count of 0 means another
     * instance (after a rebalance this one missed) or a rebuild moved it: the batch must not be
     * written. The row lock it takes keeps two writers of one partition in line until commit.
     */
    @SqlBatch("""
            update taskmon.projector_offsets set next_offset = :next, updated_at = now()
             where consumer_group = :group and topic = :topic and partition = :partition and next_offset = :expected
            """)
    int[] advance(@Bind("group") String group, @BindMethods List<OffsetMove> moves);

    @SqlQuery("""
            select topic, partition, next_offset from taskmon.projector_offsets
             where consumer_group = :group
            """)
    List<PartitionOffset> findAll(@Bind("group") String group);
}
