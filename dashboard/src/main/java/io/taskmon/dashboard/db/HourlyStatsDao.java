package io.taskmon.dashboard.db;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Reads {@code taskmon.monitor_stats_hourly}; its primary key serves "the last N hours of one monitor". */
@RegisterConstructorMapper(HourlyStatsRow.class)
public interface HourlyStatsDao {

    @SqlQuery("""
            select hour_start, runs, failures, total_duration_ms, max_duration_ms, records_processed,
                   case when runs > 0 then (runs - failures)::float8 / runs end as success_rate,
                   case when runs > 0 then total_duration_ms / runs end as avg_duration_ms
              from taskmon.monitor_stats_hourly
             where monitor_id = :monitorId and hour_start >= :from
             order by hour_start""")
    List<HourlyStatsRow> since(@Bind("monitorId") UUID monitorId, @Bind("from") Instant from);
}
