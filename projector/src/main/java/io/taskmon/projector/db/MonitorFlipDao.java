package io.taskmon.projector.db;

import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.customizer.Bind;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;

/** {@code taskmon.monitor_flips}: every change of a monitor's health. */
public interface MonitorFlipDao {

    /** A flip is identified by the run event that caused it; a replayed flip is already there. */
    @SqlBatch("""
            insert into taskmon.monitor_flips (monitor_id, event_id, old_health, new_health, reason, flipped_at)
            values (:monitorId, :eventId, :oldHealth, :newHealth, :reason, :flippedAt)
            on conflict (monitor_id, event_id) do nothing
            """)
    void insert(@BindMethods List<MonitorFlipRow> flips);

    /** Retention: deletes at most {@code limit} flips older than {@code cutoff}; returns how many. */
    @SqlUpdate("""
            delete from taskmon.monitor_flips where ctid = any(array(
                select ctid from taskmon.monitor_flips where flipped_at < :cutoff limit :limit))
            """)
    int deleteFlippedBefore(@Bind("cutoff") Instant cutoff, @Bind("limit") int limit);
}
