package io.taskmon.readmodel;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code taskmon.monitor_flips}: every change of a monitor's health. */
@RegisterConstructorMapper(MonitorFlipRow.class)
public interface MonitorFlipDao {

    /** A flip is identified by the run event that caused it; a replayed flip is already there. */
    @SqlBatch("""
            insert into taskmon.monitor_flips (monitor_id, event_id, old_health, new_health, reason, flipped_at)
            values (:monitorId, :eventId, :oldHealth, :newHealth, :reason, :flippedAt)
            on conflict (monitor_id, event_id) do nothing
            """)
    void insert(@BindMethods List<MonitorFlipRow> flips);

    @SqlQuery("""
            select monitor_id, event_id, old_health, new_health, reason, flipped_at
              from taskmon.monitor_flips
             where monitor_id = :monitorId
             order by flipped_at desc, event_id limit :limit offset :offset""")
    List<MonitorFlipRow> newestFirst(@Bind("monitorId") UUID monitorId, @Bind("limit") int limit,
                                     @Bind("offset") int offset);

    /** Retention: deletes at most {@code limit} flips older than {@code cutoff}; returns how many. */
    @SqlUpdate("""
            delete from taskmon.monitor_flips where ctid = any(array(
                select ctid from taskmon.monitor_flips where flipped_at < :cutoff limit :limit))
            """)
    int deleteFlippedBefore(@Bind("cutoff") Instant cutoff, @Bind("limit") int limit);

    /** Deletes the flips of deleted monitors (the admin API's delete, through the projector). */
    @SqlUpdate("delete from taskmon.monitor_flips where monitor_id in (<ids>)")
    int deleteOfMonitors(@BindList("ids") Collection<UUID> monitorIds);
}
