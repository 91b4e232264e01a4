package io.taskmon.projector;

import java.util.List;

/**
 * The dashboard's queries over the read model, in one place: the projector README lists them
 * and {@link ReadModelQueriesExplainTest} checks on a few hundred thousand rows that each is
 * served by the index named next to it. Parameters are written as literals so EXPLAIN can plan them.
 */
final class ReadModelQueries {

    /** A query and the index that must serve it; where two fit equally, either may ({@code a|b}). */
    record Query(String name, String sql, String index) {
    }

    static final String MONITOR = "'00000000-0000-0000-0000-000000000007'";
    static final String JOB = "'00000000-0000-0000-0000-00000000e007'";

    static final List<Query> ALL = List.of(
            new Query("incidents: failing, missed and timed-out enabled monitors, latest run first", """
                    select id, task_key, task_name, kind, machine_name, health, last_status, last_started_at,
                           last_finished_at, last_exit_code, last_message, consecutive_failures, alert_state,
                           monitor_config, next_expected_at
                      from taskmon.task_monitors
                     where health in ('failing', 'missed', 'timeout') and enabled
                     order by last_finished_at desc
                     limit 50""", "task_monitors_open_incidents_idx"),
            new Query("incident badge: how many monitors are failing, missed or timed out", """
                    select count(*) from taskmon.task_monitors
                     where health in ('failing', 'missed', 'timeout') and enabled""",
                    "task_monitors_open_incidents_idx"),
            new Query("monitors of one kind, by task key", """
                    select id, task_key, machine_name, last_status, health from taskmon.task_monitors
                     where kind = 'kind-3' order by task_key limit 100""", "task_monitors_kind_key_idx"),
            new Query("one monitor by its task key, kind and machine", """
                    select * from taskmon.task_monitors
                     where task_key = 'task-7' and kind = 'kind-7' and coalesce(machine_name, '') = 'HOST-7'""",
                    "task_monitors_identity_key|task_monitors_key_idx"),
            new Query("runs of one monitor, newest first (running runs on top)", """
                    select run_id, status, started_at, finished_at, duration_ms, exit_code, message,
                           records_processed, attempt_count, labels
                      from taskmon.task_runs
                     where monitor_id = %s
                     order by finished_at desc
                     limit 50""".formatted(MONITOR), "task_runs_monitor_finished_status_idx"),
            new Query("next page of runs of one monitor", """
                    select run_id, status, finished_at from taskmon.task_runs
                     where monitor_id = %s and finished_at < timestamptz '2026-06-01'
                     order by finished_at desc
                     limit 50""".formatted(MONITOR), "task_runs_monitor_finished_status_idx"),
            new Query("failed runs of one monitor, newest first", """
                    select run_id, finished_at, exit_code, message from taskmon.task_runs
                     where monitor_id = %s and status = 'failed'
                     order by finished_at desc
                     limit 50""".formatted(MONITOR), "task_runs_monitor_finished_status_idx"),
            new Query("runs of one monitor overlapping a timeline window, oldest start first", """
                    select run_id, status, queued_at, started_at, finished_at from taskmon.task_runs
                     where monitor_id = %s
                       and (finished_at is null or finished_at >= timestamptz '2026-05-31')
                       and coalesce(started_at, queued_at, received_at) < timestamptz '2026-06-01'
                     order by coalesce(started_at, queued_at, received_at), run_id
                     limit 2000""".formatted(MONITOR), "task_runs_monitor_finished_status_idx"),
            new Query("last run start of one monitor before a timeline window", """
                    select max(started_at) from taskmon.task_runs
                     where monitor_id = %s and started_at < timestamptz '2026-05-31'""".formatted(MONITOR),
                    "task_runs_monitor_finished_status_idx"),
            new Query("hourly stats of one monitor for the last 48 hours", """
                    select hour_start, runs, failures, total_duration_ms, max_duration_ms, records_processed
                      from taskmon.monitor_stats_hourly
                     where monitor_id = %s and hour_start >= timestamptz '2026-11-20' - interval '48 hours'
                     order by hour_start""".formatted(MONITOR), "monitor_stats_hourly_pkey"),
            new Query("flips of one monitor, newest first", """
                    select old_health, new_health, reason, flipped_at from taskmon.monitor_flips
                     where monitor_id = %s order by flipped_at desc limit 50""".formatted(MONITOR),
                    "monitor_flips_monitor_time_idx"),
            new Query("alerts, newest first", """
                    select alert_id, alert_type, task_key, job_name, summary, raised_at, resolved_at
                      from taskmon.alerts order by raised_at desc limit 50""", "alerts_raised_idx"),
            new Query("open alerts, newest first", """
                    select alert_id, alert_type, task_key, job_name, summary, raised_at from taskmon.alerts
                     where resolved_at is null and alert_type <> 'RECOVERED'
                     order by raised_at desc limit 50""", "alerts_open_idx"),
            new Query("alerts of one monitor", """
                    select alert_id, alert_type, summary, raised_at, resolved_at from taskmon.alerts
                     where monitor_id = %s order by raised_at desc limit 50""".formatted(MONITOR),
                    "alerts_monitor_idx"),
            new Query("ETL job runs, newest first", """
                    select job_run_id, job_name, status, started_at, completed_at, records_processed, records_failed
                      from taskmon.etl_job_runs order by started_at desc limit 50""", "etl_job_runs_started_idx"),
            new Query("running ETL job runs", """
                    select job_run_id, job_name, current_batch, rows_read, rows_per_second, last_event_at
                      from taskmon.etl_job_runs where status = 'running' order by started_at desc limit 50""",
                    "etl_job_runs_status_started_idx"),
            new Query("batches of one ETL job run", """
                    select batch_number, status, rows_read, records_processed, records_failed, duration_ms
                      from taskmon.etl_job_batches where job_run_id = %s order by batch_number""".formatted(JOB),
                    "etl_job_batches_pkey"),
            new Query("import errors of one ETL job run", """
                    select batch_number, line_number, error_type, error_message, raw_data
                      from taskmon.etl_import_errors where job_run_id = %s
                     order by batch_number, line_number limit 100""".formatted(JOB), "etl_import_errors_pkey"));

    private ReadModelQueries() {
    }
}
