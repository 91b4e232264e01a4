package io.taskmon.readmodel;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * {@code taskmon.etl_job_runs}: the current state of each ETL job run; the newest state wins.
 * The list shows jobs still going (running, stalled) first, then the newest.
 */
@RegisterConstructorMapper(EtlJobRunRow.class)
public interface EtlJobRunDao {

    String COLUMNS = """
            select job_run_id, job_name, source, mode, machine_name, status, started_at, completed_at,
                   last_event_at, current_batch, last_successful_batch, rows_read, records_processed,
                   records_failed, records_duplicated, batches, rows_per_second, total_bytes, bytes_read,
                   error_message, alert_state, updated_at
              from taskmon.etl_job_runs
            """;

    @SqlBatch("""
            insert into taskmon.etl_job_runs (job_run_id, job_name, source, mode, machine_name, status, started_at,
                   completed_at, last_event_at, current_batch, last_successful_batch, rows_read, records_processed,
                   records_failed, records_duplicated, batches, rows_per_second, total_bytes, bytes_read,
                   error_message, alert_state, open_alert_id)
            values (:jobRunId, :jobName, :source, :mode, :machineName, :status, :startedAt,
                    :completedAt, :lastEventAt, :currentBatch, :lastSuccessfulBatch, :rowsRead, :recordsProcessed,
                    :recordsFailed, :recordsDuplicated, :batches, :rowsPerSecond, :totalBytes, :bytesRead,
                    :errorMessage, :alertState, :openAlertId)
            on conflict (job_run_id) do update
               set job_name = excluded.job_name, source = excluded.source, mode = excluded.mode,
                   machine_name = excluded.machine_name, status = excluded.status, started_at = excluded.started_at,
                   completed_at = excluded.completed_at, last_event_at = excluded.last_event_at,
                   current_batch = excluded.current_batch, last_successful_batch = excluded.last_successful_batch,
                   rows_read = excluded.rows_read, records_processed = excluded.records_processed,
                   records_failed = excluded.records_failed, records_duplicated = excluded.records_duplicated,
                   batches = excluded.batches, rows_per_second = excluded.rows_per_second,
                   total_bytes = excluded.total_bytes, bytes_read = excluded.bytes_read,
                   error_message = excluded.error_message, alert_state = excluded.alert_state,
                   open_alert_id = excluded.open_alert_id, updated_at = now()
            """)
    void upsert(@BindMethods List<EtlJobRunRow> jobs);

    @SqlQuery(COLUMNS + """
             where (cast(:status as text) is null or status = :status)
             order by case when status in ('running', 'stalled') then 0 else 1 end, started_at desc nulls last,
                      job_run_id
             limit :limit offset :offset""")
    List<EtlJobRunRow> list(@Bind("status") String status, @Bind("limit") int limit, @Bind("offset") int offset);

    @SqlQuery(COLUMNS + " where job_run_id = :jobRunId")
    Optional<EtlJobRunRow> find(@Bind("jobRunId") UUID jobRunId);
}
