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

    @SqlBatch("""
            insert into taskmon.projector_offsets (consumer_group, topic, partition, next_offset)
            values (:group, :topic, :partition, :nextOffset)
            on conflict (consumer_group, topic, partition) do update
               set next_offset = excluded.next_offset, updated_at = now()
            """)
    void save(@Bind("group") String group, @BindMethods List<PartitionOffset> offsets);

    @SqlQuery("""
            select topic, partition, next_offset from taskmon.projector_offsets
             where consumer_group = :group
            """)
    List<PartitionOffset> findAll(@Bind("group") String group);
}
