package io.taskmon.projector.db;

import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.customizer.Bind;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;

/** {@code taskmon.monitor_stats_hourly}: each record holds the hour's full totals so far, so the last one wins. */
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

    /** Retention: deletes at most {@code limit} hours that started before {@code cutoff}; returns how many. */
    @SqlUpdate("""
            delete from taskmon.monitor_stats_hourly where ctid = any(array(
                select ctid from taskmon.monitor_stats_hourly where hour_start < :cutoff limit :limit))
            """)
    int deleteHoursBefore(@Bind("cutoff") Instant cutoff, @Bind("limit") int limit);
}
