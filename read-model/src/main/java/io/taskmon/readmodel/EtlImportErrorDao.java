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

/** {@code taskmon.etl_import_errors}: rows an ETL job refused, as listed in its BatchCompleted events. */
@RegisterConstructorMapper(EtlImportErrorRow.class)
public interface EtlImportErrorDao {

    @SqlBatch("""
            insert into taskmon.etl_import_errors (job_run_id, batch_number, line_number, error_type,
                                                   error_message, raw_data)
            values (:jobRunId, :batchNumber, :lineNumber, :errorType, :errorMessage, :rawData)
            on conflict (job_run_id, batch_number, line_number, error_type) do nothing
            """)
    void insert(@BindMethods List<EtlImportErrorRow> errors);

    @SqlQuery("select * from taskmon.etl_import_errors where job_run_id = :id order by batch_number, line_number")
    List<EtlImportErrorRow> findByJob(@Bind("id") UUID jobRunId);

    /** One page of a job run's refused rows in file order, each with the start of its source row. */
    @SqlQuery("""
            select batch_number, line_number, error_type, error_message, left(raw_data, 2000) as raw_data
              from taskmon.etl_import_errors
             where job_run_id = :jobRunId
             order by batch_number, line_number, error_type limit :limit offset :offset""")
    List<EtlImportErrorRow> inFileOrder(@Bind("jobRunId") UUID jobRunId, @Bind("limit") int limit,
                                        @Bind("offset") int offset);

    @SqlQuery("""
            select error_type, count(*) as count
              from taskmon.etl_import_errors
             where job_run_id = :jobRunId
             group by error_type order by count(*) desc, error_type""")
    @RegisterConstructorMapper(EtlImportErrorCount.class)
    List<EtlImportErrorCount> countsByType(@Bind("jobRunId") UUID jobRunId);

    /** Retention: deletes at most {@code limit} import errors of job runs that finished before {@code cutoff}. */
    @SqlUpdate("""
            delete from taskmon.etl_import_errors where ctid = any(array(
                select e.ctid from taskmon.etl_import_errors e
                  join taskmon.etl_job_runs j on j.job_run_id = e.job_run_id
                 where j.completed_at < :cutoff and j.status in ('success', 'failed')
                 limit :limit))
            """)
    int deleteOfJobsFinishedBefore(@Bind("cutoff") Instant cutoff, @Bind("limit") int limit);
}
