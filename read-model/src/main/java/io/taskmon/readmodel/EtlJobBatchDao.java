package io.taskmon.readmodel;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code taskmon.etl_job_batches}: one row per batch of a job run; a batch retried after a failure ends as its last outcome. */
@RegisterConstructorMapper(EtlJobBatchRow.class)
public interface EtlJobBatchDao {

    @SqlBatch("""
            insert into taskmon.etl_job_batches (job_run_id, batch_number, status, rows_read, records_processed,
                                                 records_failed, records_duplicated, duration_ms, error_message,
                                                 failed_rows_file, completed_at)
            values (:jobRunId, :batchNumber, :status, :rowsRead, :recordsProcessed,
                    :recordsFailed, :recordsDuplicated, :durationMs, :errorMessage,
                    :failedRowsFile, :completedAt)
            on conflict (job_run_id, batch_number) do update
               set status = excluded.status, rows_read = excluded.rows_read,
                   records_processed = excluded.records_processed, records_failed = excluded.records_failed,
                   records_duplicated = excluded.records_duplicated, duration_ms = excluded.duration_ms,
                   error_message = excluded.error_message, failed_rows_file = excluded.failed_rows_file,
                   completed_at = excluded.completed_at
            """)
    void upsert(@BindMethods List<EtlJobBatchRow> batches);

    @SqlQuery("select * from taskmon.etl_job_batches where job_run_id = :id order by batch_number")
    List<EtlJobBatchRow> findByJob(@Bind("id") UUID jobRunId);

    /** The newest batches of one job run; the run is known, so its id is left out. */
    @SqlQuery("""
            select batch_number, status, rows_read, records_processed, records_failed, records_duplicated,
                   duration_ms, error_message, failed_rows_file, completed_at
              from taskmon.etl_job_batches
             where job_run_id = :jobRunId
             order by batch_number desc limit :limit""")
    List<EtlJobBatchRow> newestFirst(@Bind("jobRunId") UUID jobRunId, @Bind("limit") int limit);

    /** Retention: deletes at most {@code limit} batches of job runs that finished before {@code cutoff}. */
    @SqlUpdate("""
            delete from taskmon.etl_job_batches where ctid = any(array(
                select b.ctid from taskmon.etl_job_batches b
                  join taskmon.etl_job_runs j on j.job_run_id = b.job_run_id
                 where j.completed_at < :cutoff and j.status in ('success', 'failed')
                 limit :limit))
            """)
    int deleteOfJobsFinishedBefore(@Bind("cutoff") Instant cutoff, @Bind("limit") int limit);
}
