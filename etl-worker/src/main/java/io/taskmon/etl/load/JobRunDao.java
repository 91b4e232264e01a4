package io.taskmon.etl.load;

import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code etl.job_runs}: one row per run, holding its checkpoint. */
@RegisterConstructorMapper(JobRunRow.class)
public interface JobRunDao {

    @SqlUpdate("""
            insert into etl.job_runs (id, job_name, mode, source, status, chunk_size, row_limit, resumed_from,
                                      resumed_after_batch, last_committed_batch, total_bytes, machine_name)
            values (:id, :jobName, :mode, :source, 'running', :chunkSize, :rowLimit, :resumedFrom,
                    :resumedAfterBatch, :resumedAfterBatch, :totalBytes, :machineName)
            """)
    void insert(@Bind("id") UUID id, @Bind("jobName") String jobName, @Bind("mode") String mode,
                @Bind("source") String source, @Bind("chunkSize") int chunkSize, @Bind("rowLimit") Long rowLimit,
                @Bind("resumedFrom") UUID resumedFrom, @Bind("resumedAfterBatch") long resumedAfterBatch,
                @Bind("totalBytes") Long totalBytes, @Bind("machineName") String machineName);

    @SqlQuery("select * from etl.job_runs where id = :id")
    Optional<JobRunRow> find(@Bind("id") UUID id);

    /** The newest run of the job: the one a resume would continue. */
    @SqlQuery("select * from etl.job_runs where job_name = :jobName order by started_at desc, id limit 1")
    Optional<JobRunRow> latest(@Bind("jobName") String jobName);

    /**
     * Runs still marked running while we hold the job's lock died without finishing (a crash,
     * a kill -9): say so, so that nobody reads them as alive.
     */
    @SqlUpdate("""
            update etl.job_runs set status = 'failed', finished_at = now(), updated_at = now(),
                   error_message = 'the worker stopped without finishing (crashed or killed) after batch '
                                   || last_committed_batch
            where job_name = :jobName and status = 'running'
            """)
    int markAbandoned(@Bind("jobName") String jobName);

    @SqlUpdate("""
            update etl.job_runs set status = :status, error_message = :errorMessage, total_bytes = coalesce(:totalBytes, total_bytes),
                   finished_at = now(), updated_at = now()
             where id = :id and status = 'running'
            """)
    int finish(@Bind("id") UUID id, @Bind("status") String status, @Bind("errorMessage") String errorMessage,
               @Bind("totalBytes") Long totalBytes);
}
