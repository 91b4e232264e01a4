package io.taskmon.readmodel;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * {@code taskmon.task_monitors}: the latest status of every monitor, staged by COPY like the
 * runs and merged with one statement; read as the monitors list, one monitor and the incidents.
 */
@RegisterConstructorMapper(TaskMonitorRow.class)
public interface TaskMonitorDao {

    String COLUMNS = """
            id as monitor_id, task_key, task_name, kind, machine_name, enabled, health, last_status,
            last_started_at, last_finished_at, last_duration_ms, last_exit_code, last_log_url,
            last_reported_at, last_success_at, last_failure_at, consecutive_failures, total_runs, total_failures,
            streak_started_at, alert_after_failures, alert_state, open_alert_id, last_alert_at,
            last_records_processed, monitor_config::text as monitor_config, next_expected_at, labels::text as labels, created_at,
            updated_at""";
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
    /** Exactly the partial index {@code task_monitors_open_incidents_idx}: what needs a person. */
    String INCIDENT = " where health in ('failing', 'missed', 'timeout') and enabled ";

    List<String> STAGING_COLUMNS = List.of("id", "task_key", "task_name", "kind", "machine_name", "enabled",
            "last_status", "last_event_id", "last_run_id", "last_started_at", "last_finished_at", "last_duration_ms",
            "last_exit_code", "last_message", "last_log_url", "last_reported_at", "last_success_at",
            "last_failure_at", "consecutive_failures", "total_runs", "total_failures", "health",
            "streak_started_at", "alert_after_failures", "alert_state", "open_alert_id", "last_alert_at",
            "last_records_processed", "monitor_config", "next_expected_at", "labels");

    String STAGING_TABLE = "task_monitors_staging";

    @SqlUpdate("""
            create temp table if not exists task_monitors_staging
                (like taskmon.task_monitors including defaults) on commit delete rows
            """)
    void createStaging();

    /**
     * Writes the latest status of each staged monitor. The status topic is keyed by monitor, so
     * each monitor's statuses arrive in order and the newest simply wins; {@code created_at}
     * stays the first time the monitor was seen.
     */
    @SqlUpdate("""
            insert into taskmon.task_monitors (id, task_key, task_name, kind, machine_name, enabled, last_status,
                   last_event_id, last_run_id, last_started_at, last_finished_at, last_duration_ms, last_exit_code,
                   last_message, last_log_url, last_reported_at, last_success_at, last_failure_at,
                   consecutive_failures, total_runs, total_failures, health, streak_started_at,
                   alert_after_failures, alert_state, open_alert_id, last_alert_at, last_records_processed,
                   monitor_config, next_expected_at, labels)
            select id, task_key, task_name, kind, machine_name, enabled, last_status,
                   last_event_id, last_run_id, last_started_at, last_finished_at, last_duration_ms, last_exit_code,
                   last_message, last_log_url, last_reported_at, last_success_at, last_failure_at,
                   consecutive_failures, total_runs, total_failures, health, streak_started_at,
                   alert_after_failures, alert_state, open_alert_id, last_alert_at, last_records_processed,
                   monitor_config, next_expected_at, labels
              from pg_temp.task_monitors_staging
            on conflict (id) do update
               set task_name = excluded.task_name, enabled = excluded.enabled, last_status = excluded.last_status,
                   last_event_id = excluded.last_event_id, last_run_id = excluded.last_run_id,
                   last_started_at = excluded.last_started_at, last_finished_at = excluded.last_finished_at,
                   last_duration_ms = excluded.last_duration_ms, last_exit_code = excluded.last_exit_code,
                   last_message = excluded.last_message, last_log_url = excluded.last_log_url,
                   last_reported_at = excluded.last_reported_at, last_success_at = excluded.last_success_at,
                   last_failure_at = excluded.last_failure_at,
                   consecutive_failures = excluded.consecutive_failures,
                   total_runs = excluded.total_runs, total_failures = excluded.total_failures,
                   health = excluded.health, streak_started_at = excluded.streak_started_at,
                   alert_after_failures = excluded.alert_after_failures, alert_state = excluded.alert_state,
                   open_alert_id = excluded.open_alert_id, last_alert_at = excluded.last_alert_at,
                   last_records_processed = excluded.last_records_processed,
                   monitor_config = excluded.monitor_config, next_expected_at = excluded.next_expected_at,
                   labels = excluded.labels, updated_at = now()
            """)
    int mergeStaging();

    @SqlQuery("select " + COLUMNS + ", last_message from taskmon.task_monitors where id = :id")
    Optional<TaskMonitorRow> find(@Bind("id") UUID id);

    @SqlQuery("select exists (select 1 from taskmon.task_monitors where id = :id)")
    boolean exists(@Bind("id") UUID id);

    /** {@code order} is one of {@link MonitorOrder}'s clauses, never user text. */
    @SqlQuery("select " + LIST_COLUMNS + " from taskmon.task_monitors" + FILTER
            + " order by <order> limit :limit offset :offset")
    List<TaskMonitorRow> list(@BindMethods MonitorFilter filter, @Define("order") String order,
                              @Bind("limit") int limit, @Bind("offset") int offset);

    @SqlQuery("select count(*) from taskmon.task_monitors" + FILTER)
    long count(@BindMethods MonitorFilter filter);

    @SqlQuery("select " + LIST_COLUMNS + " from taskmon.task_monitors" + INCIDENT
            + " order by last_finished_at desc limit :limit offset :offset")
    List<TaskMonitorRow> incidents(@Bind("limit") int limit, @Bind("offset") int offset);

    @SqlQuery("select count(*) from taskmon.task_monitors" + INCIDENT)
    long countIncidents();

    /** Deletes monitors (the admin API's delete, through the projector). */
    @SqlUpdate("delete from taskmon.task_monitors where id in (<ids>)")
    int deleteOfMonitors(@BindList("ids") Collection<UUID> monitorIds);
}
