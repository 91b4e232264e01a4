package io.taskmon.dashboard.db;

import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Reads {@code taskmon.etl_import_errors} in file order. */
public interface ImportErrorDao {

    @SqlQuery("""
            select batch_number, line_number, error_type, error_message, left(raw_data, 2000) as raw_data
              from taskmon.etl_import_errors
             where job_run_id = :jobRunId
             order by batch_number, line_number, error_type limit :limit offset :offset""")
    @RegisterConstructorMapper(ImportErrorRow.class)
    List<ImportErrorRow> inFileOrder(@Bind("jobRunId") UUID jobRunId, @Bind("limit") int limit,
                                     @Bind("offset") int offset);

    @SqlQuery("""
            select error_type, count(*) as count
              from taskmon.etl_import_errors
             where job_run_id = :jobRunId
             group by error_type order by count(*) desc, error_type""")
    @RegisterConstructorMapper(ImportErrorCount.class)
    List<ImportErrorCount> countsByType(@Bind("jobRunId") UUID jobRunId);
}
