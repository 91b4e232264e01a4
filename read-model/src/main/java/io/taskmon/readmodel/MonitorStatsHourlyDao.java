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

/**
 * {@code taskmon.monitor_stats_hourly}: each record holds the hour's full totals so far, so the
 * last one wins. Its primary key serves "the last N hours of one monitor".
 */
@RegisterConstructorMapper(MonitorStatsHourlyRow.class)
public interface MonitorStatsHourlyDao {

    @SqlBatch("""
            insert into taskmon.monitor_stats_hourly (monitor_id, hour_start, runs, failures, total_duration_ms,
                                                      max_duration_ms, records_processed)
            values (:monitorId, :hourStart, :runs, :failures, :totalDurationMs, :maxDurationMs, :recordsProcessed)
            on conflict (monitor_id, hour_start) do update
               set runs = excluded.runs, failures = excluded.failures,
                   total_duration_ms = excluded.total_duration_ms, max_duration_ms = excluded.max_duration_ms,
                   records_processed = excluded.records_processed
            """)
    void upsert(@BindMethods List<MonitorStatsHourlyRow> stats);

    /** The hours of one monitor from {@code from} on, oldest first; the monitor is known, so its id is left out. */
    @SqlQuery("""
            select hour_start, runs, failures, total_duration_ms, max_duration_ms, records_processed
              from taskmon.monitor_stats_hourly
             where monitor_id = :monitorId and hour_start >= :from
             order by hour_start""")
    List<MonitorStatsHourlyRow> since(@Bind("monitorId") UUID monitorId, @Bind("from") Instant from);

    /** Retention: deletes at most {@code limit} hours that started before {@code cutoff}; returns how many. */
    @SqlUpdate("""
            delete from taskmon.monitor_stats_hourly where ctid = any(array(
                select ctid from taskmon.monitor_stats_hourly where hour_start < :cutoff limit :limit))
            """)
    int deleteHoursBefore(@Bind("cutoff") Instant cutoff, @Bind("limit") int limit);

    /** Deletes the hourly stats of deleted monitors (the admin API's delete, through the projector). */
    @SqlUpdate("delete from taskmon.monitor_stats_hourly where monitor_id in (<ids>)")
    int deleteOfMonitors(@BindList("ids") Collection<UUID> monitorIds);
}
