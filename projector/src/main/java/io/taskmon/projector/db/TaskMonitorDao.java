package io.taskmon.projector.db;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** {@code taskmon.task_monitors}: the latest status of every monitor. */
@RegisterConstructorMapper(TaskMonitorRow.class)
public interface TaskMonitorDao {

    /** Writes the latest status; {@code enabled} and {@code created_at} belong to the row, not the event. */
    @SqlBatch("""
            insert into taskmon.task_monitors (id, task_key, task_name, kind, machine_name, last_status,
                                               last_event_id, last_run_id, last_started_at, last_finished_at,
                                               last_duration_ms, last_exit_code, last_message, last_log_url,
                                               last_reported_at, last_success_at, last_failure_at,
                                               consecutive_failures, total_runs, total_failures)
            values (:id, :taskKey, :taskName, :kind, :machineName, :lastStatus,
                    :lastEventId, :lastRunId, :lastStartedAt, :lastFinishedAt,
                    :lastDurationMs, :lastExitCode, :lastMessage, :lastLogUrl,
                    :lastReportedAt, :lastSuccessAt, :lastFailureAt,
                    :consecutiveFailures, :totalRuns, :totalFailures)
            on conflict (id) do update
               set task_name = excluded.task_name, last_status = excluded.last_status,
                   last_event_id = excluded.last_event_id, last_run_id = excluded.last_run_id,
                   last_started_at = excluded.last_started_at, last_finished_at = excluded.last_finished_at,
                   last_duration_ms = excluded.last_duration_ms, last_exit_code = excluded.last_exit_code,
                   last_message = excluded.last_message, last_log_url = excluded.last_log_url,
                   last_reported_at = excluded.last_reported_at, last_success_at = excluded.last_success_at,
                   last_failure_at = excluded.last_failure_at,
                   consecutive_failures = excluded.consecutive_failures,
                   total_runs = excluded.total_runs, total_failures = excluded.total_failures,
                   updated_at = now()
            """)
    void upsert(@BindMethods List<TaskMonitorRow> monitors);

    @SqlQuery("select * from taskmon.task_monitors where id = :id")
    Optional<TaskMonitorRow> find(@Bind("id") UUID id);
}
