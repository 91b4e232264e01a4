package io.taskmon.dashboard.db;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Reads {@code taskmon.task_monitors}: the monitors list, one monitor, the incidents. */
@RegisterConstructorMapper(MonitorRow.class)
public interface MonitorDao {

    String COLUMNS = """
            id as monitor_id, task_key, task_name, kind, machine_name, enabled, health, last_status,
            last_started_at, last_finished_at, last_duration_ms, last_exit_code, last_log_url,
            last_reported_at, last_success_at, last_failure_at, consecutive_failures, total_runs, total_failures,
            streak_started_at, alert_after_failures, alert_state, open_alert_id, last_alert_at,
            last_records_processed, created_at, updated_at""";
    /** Lists show the start of a message; a message can be 16 KiB and a page holds many rows. */
    String LIST_COLUMNS = COLUMNS + ", left(last_message, 1000) as last_message";
    String FILTER = """
             where (cast(:health as text) is null or health = :health)
               and (cast(:lastStatus as text) is null or last_status = :lastStatus)
               and (cast(:kind as text) is null or kind = :kind)
               and (cast(:machine as text) is null or coalesce(machine_name, '') = :machine)
               and (cast(:enabled as boolean) is null or enabled = :enabled)
               and (cast(:pattern as text) is null or task_key ilike :pattern or task_name ilike :pattern)
            """;
    /** Exactly the partial index {@code task_monitors_incidents_idx}. */
    String INCIDENT = " where health = 'failing' and enabled ";

    /** {@code order} is one of {@link MonitorOrder}'s clauses, never user text. */
    @SqlQuery("select " + LIST_COLUMNS + " from taskmon.task_monitors" + FILTER
            + " order by <order> limit :limit offset :offset")
    List<MonitorRow> list(@BindMethods MonitorFilter filter, @Define("order") String order,
                          @Bind("limit") int limit, @Bind("offset") int offset);

    @SqlQuery("select count(*) from taskmon.task_monitors" + FILTER)
    long count(@BindMethods MonitorFilter filter);

    @SqlQuery("select " + COLUMNS + ", last_message from taskmon.task_monitors where id = :id")
    Optional<MonitorRow> find(@Bind("id") UUID id);

    @SqlQuery("select exists (select 1 from taskmon.task_monitors where id = :id)")
    boolean exists(@Bind("id") UUID id);

    @SqlQuery("select " + LIST_COLUMNS + " from taskmon.task_monitors" + INCIDENT
            + " order by last_finished_at desc limit :limit offset :offset")
    List<MonitorRow> incidents(@Bind("limit") int limit, @Bind("offset") int offset);

    @SqlQuery("select count(*) from taskmon.task_monitors" + INCIDENT)
    long countIncidents();
}
