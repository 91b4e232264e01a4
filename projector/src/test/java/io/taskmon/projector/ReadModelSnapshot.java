package io.taskmon.projector;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The whole read model as text, without the columns that only say when a row was written. */
final class ReadModelSnapshot {

    private static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("task_monitors", """
                select id, task_key, task_name, kind, machine_name, enabled, last_status, last_event_id, last_run_id,
                       last_started_at, last_finished_at, last_duration_ms, last_exit_code, last_message, last_log_url,
                       last_reported_at, last_success_at, last_failure_at, consecutive_failures, total_runs,
                       total_failures, health, streak_started_at, alert_after_failures, alert_state, open_alert_id,
                       last_alert_at, last_records_processed, monitor_config, next_expected_at
                  from taskmon.task_monitors order by id""");
        TABLES.put("task_runs", """
                select monitor_id, run_id, event_id, task_key, kind, machine_name, status, started_at, finished_at,
                       duration_ms, exit_code, message, log_url, received_at, raw, records_processed, records_failed,
                       attempt_count, max_attempts, external_id, labels
                  from taskmon.task_runs order by monitor_id, run_id""");
        TABLES.put("monitor_flips", "select * from taskmon.monitor_flips order by monitor_id, event_id");
        TABLES.put("alerts", "select * from taskmon.alerts order by alert_id");
        TABLES.put("monitor_stats_hourly", "select * from taskmon.monitor_stats_hourly order by monitor_id, hour_start");
        TABLES.put("etl_job_runs", """
                select job_run_id, job_name, source, mode, machine_name, status, started_at, completed_at,
                       last_event_at, current_batch, last_successful_batch, rows_read, records_processed,
                       records_failed, records_duplicated, batches, rows_per_second, total_bytes, bytes_read,
                       error_message, alert_state, open_alert_id
                  from taskmon.etl_job_runs order by job_run_id""");
        TABLES.put("etl_job_batches", "select * from taskmon.etl_job_batches order by job_run_id, batch_number");
        TABLES.put("etl_import_errors", """
                select * from taskmon.etl_import_errors order by job_run_id, batch_number, line_number, error_type""");
    }

    private ReadModelSnapshot() {
    }

    /** Table name to its rows, each row its columns as text. */
    static Map<String, List<List<String>>> of(ReadModelDatabase db) {
        Map<String, List<List<String>>> snapshot = new LinkedHashMap<>();
        TABLES.forEach((table, sql) -> snapshot.put(table, db.rows(sql)));
        return snapshot;
    }
}
