package io.taskmon.dashboard.db;

import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Reads {@code taskmon.etl_job_batches}, the newest batch first. */
@RegisterConstructorMapper(EtlBatchRow.class)
public interface EtlBatchDao {

    @SqlQuery("""
            select batch_number, status, rows_read, records_processed, records_failed, records_duplicated,
                   duration_ms, error_message, failed_rows_file, completed_at
              from taskmon.etl_job_batches
             where job_run_id = :jobRunId
             order by batch_number desc limit :limit""")
    List<EtlBatchRow> newestFirst(@Bind("jobRunId") UUID jobRunId, @Bind("limit") int limit);
}
