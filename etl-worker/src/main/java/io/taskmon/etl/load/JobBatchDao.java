package io.taskmon.etl.load;

import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code etl.job_batches}: what each committed batch did. */
public interface JobBatchDao {

    @SqlUpdate("""
            insert into etl.job_batches (job_run_id, batch_number, rows_read, rows_loaded, rows_failed,
                                         rows_duplicated, rejections_overflow, duration_ms)
            values (:jobRunId, :batch, :rowsRead, :rowsLoaded, :rowsFailed, :rowsDuplicated, :overflow, :durationMs)
            """)
    void insert(@Bind("jobRunId") UUID jobRunId, @Bind("batch") long batch, @Bind("rowsRead") long rowsRead,
                @Bind("rowsLoaded") long rowsLoaded, @Bind("rowsFailed") long rowsFailed,
                @Bind("rowsDuplicated") long rowsDuplicated, @Bind("overflow") long overflow,
                @Bind("durationMs") long durationMs);
}
