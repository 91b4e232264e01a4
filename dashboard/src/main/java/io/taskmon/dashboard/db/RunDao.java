package io.taskmon.dashboard.db;

import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Reads {@code taskmon.task_runs}, newest first. Runs still going (no finish time) come first,
 * as a descending index puts nulls first. Two queries rather than an optional filter, so the
 * planner sees each shape plainly; both read the index {@code (monitor_id, finished_at desc, status)},
 * the status filter checked inside it.
 */
@RegisterConstructorMapper(RunRow.class)
public interface RunDao {

    String COLUMNS = """
            select monitor_id, run_id, event_id, status, started_at, finished_at, duration_ms, exit_code,
                   left(message, 4000) as message, log_url, received_at, records_processed, records_failed,
                   attempt_count, max_attempts, external_id, labels::text as labels
              from taskmon.task_runs
            """;

    @SqlQuery(COLUMNS + """
             where monitor_id = :monitorId
             order by finished_at desc, run_id desc limit :limit offset :offset""")
    List<RunRow> newestFirst(@Bind("monitorId") UUID monitorId, @Bind("limit") int limit, @Bind("offset") int offset);

    @SqlQuery(COLUMNS + """
             where monitor_id = :monitorId and status = :status
             order by finished_at desc, run_id desc limit :limit offset :offset""")
    List<RunRow> newestFirstWithStatus(@Bind("monitorId") UUID monitorId, @Bind("status") String status,
                                       @Bind("limit") int limit, @Bind("offset") int offset);
}
