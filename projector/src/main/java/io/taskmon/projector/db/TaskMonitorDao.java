package io.taskmon.projector.db;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * {@code taskmon.task_monitors}: the latest status of every monitor, staged by COPY like the
 * runs and merged with one statement.
 */
@RegisterConstructorMapper(TaskMonitorRow.class)
public interface TaskMonitorDao {

    List<String> STAGING_COLUMNS = List.of("id", "task_key", "task_name", "kind", "machine_name", "enabled",
            "last_status", "last_event_id", "last_run_id", "last_started_at", "last_finished_at", "last_duration_ms",
            "last_exit_code", "last_message", "last_log_url", "last_reported_at", "last_success_at",
            "last_failure_at", "consecutive_failures", "total_runs", "total_failures", "health",
            "streak_started_at", "alert_after_failures", "alert_state", "open_alert_id", "last_alert_at",
            "last_records_processed");

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
                   alert_after_failures, alert_state, open_alert_id, last_alert_at, last_records_processed)
            select id, task_key, task_name, kind, machine_name, enabled, last_status,
                   last_event_id, last_run_id, last_started_at, last_finished_at, last_duration_ms, last_exit_code,
                   last_message, last_log_url, last_reported_at, last_success_at, last_failure_at,
                   consecutive_failures, total_runs, total_failures, health, streak_started_at,
                   alert_after_failures, alert_state, open_alert_id, last_alert_at, last_records_processed
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
                   updated_at = now()
            """)
    int mergeStaging();

    @SqlQuery("select * from taskmon.task_monitors where id = :id")
    Optional<TaskMonitorRow> find(@Bind("id") UUID id);
}
