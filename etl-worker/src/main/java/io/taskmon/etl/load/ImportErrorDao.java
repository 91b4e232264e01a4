package io.taskmon.etl.load;

import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlBatch;

/** {@code etl.import_errors}: the rejected rows, as many per batch as the cap allows. */
public interface ImportErrorDao {

    @SqlBatch("""
            insert into etl.import_errors (job_run_id, batch_number, line_number, error_type, message, raw_row)
            values (:jobRunId, :batch, :lineNumber, :errorType, :message, :rawRow)
            """)
    void insertAll(@Bind("jobRunId") UUID jobRunId, @Bind("batch") long batch,
                   @Bind("lineNumber") List<Long> lineNumbers, @Bind("errorType") List<String> errorTypes,
                   @Bind("message") List<String> messages, @Bind("rawRow") List<String> rawRows);
}
