package io.taskmon.projector.db;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** {@code taskmon.task_runs}: one row per run. */
@RegisterConstructorMapper(TaskRunRow.class)
public interface TaskRunDao {

    /**
     * Inserts each run, or completes a {@code running} row in place with its finish. A replayed
     * report, or a start signal arriving after its finish, changes nothing: the conditional
     * update only ever moves a row from running to finished.
     */
    @SqlBatch("""
            insert into taskmon.task_runs (monitor_id, run_id, event_id, task_key, kind, machine_name, status,
                                           started_at, finished_at, duration_ms, exit_code, message, log_url,
                                           received_at, raw)
            values (:monitorId, :runId, :eventId, :taskKey, :kind, :machineName, :status,
                    :startedAt, :finishedAt, :durationMs, :exitCode, :message, :logUrl,
                    :receivedAt, cast(:raw as jsonb))
            on conflict (monitor_id, run_id) do update
               set event_id = excluded.event_id, status = excluded.status,
                   started_at = coalesce(excluded.started_at, task_runs.started_at),
                   finished_at = excluded.finished_at, duration_ms = excluded.duration_ms,
                   exit_code = excluded.exit_code, message = excluded.message, log_url = excluded.log_url,
                   received_at = excluded.received_at, raw = excluded.raw
             where task_runs.status = 'running' and excluded.status <> 'running'
            """)
    void upsert(@BindMethods List<TaskRunRow> runs);

    @SqlQuery("select * from taskmon.task_runs where monitor_id = :monitorId and run_id = :runId")
    Optional<TaskRunRow> find(@Bind("monitorId") UUID monitorId, @Bind("runId") String runId);
}
