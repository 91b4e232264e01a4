package io.taskmon.dashboard.db;

import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Reads {@code taskmon.alerts}, newest first. */
@RegisterConstructorMapper(AlertRow.class)
public interface AlertDao {

    String COLUMNS = """
            select alert_id, alert_type, monitor_id, job_run_id, task_key, task_name, kind, machine_name, job_name,
                   consecutive_failures, threshold, first_failure_at, last_failure_at,
                   left(last_message, 1000) as last_message, last_exit_code, resolves_alert_id, summary,
                   raised_at, resolved_at, resolved_by_alert_id
              from taskmon.alerts
            """;
    String OF_MONITOR = " and (cast(:monitorId as uuid) is null or monitor_id = :monitorId)";
    /** The condition of the partial index {@code alerts_open_idx}: raised and not yet resolved. */
    String OPEN = " where resolved_at is null and alert_type <> 'RECOVERED'";

    @SqlQuery(COLUMNS + OPEN + OF_MONITOR + " order by raised_at desc, alert_id limit :limit offset :offset")
    List<AlertRow> open(@Bind("monitorId") UUID monitorId, @Bind("limit") int limit, @Bind("offset") int offset);

    @SqlQuery("select count(*) from taskmon.alerts" + OPEN + OF_MONITOR)
    long countOpen(@Bind("monitorId") UUID monitorId);

    @SqlQuery(COLUMNS + " where true" + OF_MONITOR + " order by raised_at desc, alert_id limit :limit offset :offset")
    List<AlertRow> all(@Bind("monitorId") UUID monitorId, @Bind("limit") int limit, @Bind("offset") int offset);
}
