package io.taskmon.dashboard.db;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Reads {@code taskmon.etl_job_runs}: jobs still going (running, stalled) first, then the newest. */
@RegisterConstructorMapper(EtlJobRow.class)
public interface EtlJobDao {

    String COLUMNS = """
            select job_run_id, job_name, source, mode, machine_name, status, started_at, completed_at,
                   last_event_at, current_batch, last_successful_batch, rows_read, records_processed,
                   records_failed, records_duplicated, batches, rows_per_second, total_bytes, bytes_read,
                   case when total_bytes > 0 and bytes_read is not null
                        then least(100.0, bytes_read * 100.0 / total_bytes)::float8 end as percent_done,
                   error_message, alert_state, updated_at
              from taskmon.etl_job_runs
            """;

    @SqlQuery(COLUMNS + """
             where (cast(:status as text) is null or status = :status)
             order by case when status in ('running', 'stalled') then 0 else 1 end, started_at desc nulls last,
                      job_run_id
             limit :limit offset :offset""")
    List<EtlJobRow> list(@Bind("status") String status, @Bind("limit") int limit, @Bind("offset") int offset);

    @SqlQuery(COLUMNS + " where job_run_id = :jobRunId")
    Optional<EtlJobRow> find(@Bind("jobRunId") UUID jobRunId);
}
