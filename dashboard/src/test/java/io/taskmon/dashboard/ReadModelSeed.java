package io.taskmon.dashboard;

import com.zaxxer.hikari.HikariDataSource;
import io.taskmon.config.PostgresEndpoint;
import io.taskmon.embedded.ConnectionPools;
import io.taskmon.embedded.SharedInfrastructure;
import io.taskmon.events.Delivery;
import io.taskmon.events.MonitorId;
import io.taskmon.projector.ReadModelMigrations;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;

/**
 * A fresh database with the projector's real migrations, and inserts of read model rows as the
 * projector would write them. Tests write with the owner's login; the dashboard reads with its own.
 */
final class ReadModelSeed implements AutoCloseable {

    final PostgresEndpoint endpoint;
    final HikariDataSource dataSource;
    final Jdbi jdbi;

    ReadModelSeed(String name) {
        endpoint = SharedInfrastructure.freshDatabase(name);
        dataSource = ConnectionPools.open(endpoint, name + "-seed", 2);
        ReadModelMigrations.migrate(dataSource);
        jdbi = Jdbi.create(dataSource).installPlugin(new PostgresPlugin());
    }

    /** A monitor row; chain the setters, then {@link Monitor#insert()}. */
    Monitor monitor(String taskKey, String taskName, String kind, String machineName) {
        return new Monitor(taskKey, taskName, kind, machineName);
    }

    final class Monitor {
        final UUID id;
        final String taskKey;
        final String taskName;
        final String kind;
        final String machineName;
        String health = "up";
        String lastStatus = "success";
        boolean enabled = true;
        Instant lastFinishedAt = Instant.now().minusSeconds(600);
        Integer exitCode = 0;
        String message;
        String logUrl;
        int consecutiveFailures;
        long totalRuns = 1;
        long totalFailures;
        String monitorConfig;
        Instant nextExpectedAt;

        private Monitor(String taskKey, String taskName, String kind, String machineName) {
            this.id = MonitorId.of(taskKey, kind, machineName);
            this.taskKey = taskKey;
            this.taskName = taskName;
            this.kind = kind;
            this.machineName = machineName;
        }

        Monitor failing(int exitCode, String message, Instant finishedAt) {
            this.health = "failing";
            this.lastStatus = "failed";
            this.exitCode = exitCode;
            this.message = message;
            this.lastFinishedAt = finishedAt;
            this.consecutiveFailures = 3;
            this.totalFailures = 3;
            this.totalRuns = 10;
            return this;
        }

        Monitor health(String health, String lastStatus) {
            this.health = health;
            this.lastStatus = lastStatus;
            return this;
        }

        /** A schedule: the configuration as its JSON object and when the next run is expected. */
        Monitor schedule(String configJson, Instant nextExpected) {
            this.monitorConfig = configJson;
            this.nextExpectedAt = nextExpected;
            return this;
        }

        Monitor disabled() {
            this.enabled = false;
            return this;
        }

        Monitor finishedAt(Instant finishedAt) {
            this.lastFinishedAt = finishedAt;
            return this;
        }

        Monitor message(String message, String logUrl) {
            this.message = message;
            this.logUrl = logUrl;
            return this;
        }

        UUID insert() {
            jdbi.useHandle(h -> h.createUpdate("""
                    insert into taskmon.task_monitors (id, task_key, task_name, kind, machine_name, enabled, health,
                        last_status, last_started_at, last_finished_at, last_duration_ms, last_exit_code, last_message,
                        last_log_url, last_reported_at, last_success_at, last_failure_at, consecutive_failures,
                        total_runs, total_failures, streak_started_at, alert_state, monitor_config, next_expected_at)
                    values (:id, :taskKey, :taskName, :kind, :machineName, :enabled, :health,
                        :lastStatus, :startedAt, :finishedAt, 5000, :exitCode, :message,
                        :logUrl, :finishedAt, :successAt, :failureAt, :consecutiveFailures,
                        :totalRuns, :totalFailures, :streakStartedAt, :alertState, cast(:monitorConfig as jsonb),
                        :nextExpectedAt)""")
                    .bind("id", id).bind("taskKey", taskKey).bind("taskName", taskName).bind("kind", kind)
                    .bind("machineName", machineName).bind("enabled", enabled).bind("health", health)
                    .bind("lastStatus", lastStatus)
                    .bind("startedAt", lastFinishedAt == null ? null : lastFinishedAt.minusSeconds(5))
                    .bind("finishedAt", lastFinishedAt).bind("exitCode", exitCode).bind("message", message)
                    .bind("logUrl", logUrl)
                    .bind("successAt", "success".equals(lastStatus) ? lastFinishedAt : null)
                    .bind("failureAt", "failed".equals(lastStatus) ? lastFinishedAt : null)
                    .bind("consecutiveFailures", consecutiveFailures).bind("totalRuns", totalRuns)
                    .bind("totalFailures", totalFailures)
                    .bind("streakStartedAt", "failing".equals(health) ? lastFinishedAt.minusSeconds(7200) : null)
                    .bind("alertState", "failing".equals(health) ? "alerting" : "none")
                    .bind("monitorConfig", monitorConfig).bind("nextExpectedAt", nextExpectedAt)
                    .execute());
            return id;
        }
    }

    void run(UUID monitorId, String runId, String status, Instant finishedAt, Long durationMs, Integer exitCode,
             String message, String logUrl) {
        jdbi.useHandle(h -> h.createUpdate("""
                insert into taskmon.task_runs (monitor_id, run_id, event_id, task_key, kind, machine_name, status,
                    started_at, finished_at, duration_ms, exit_code, message, log_url, received_at, raw, labels)
                select id, :runId, :eventId, task_key, kind, machine_name, :status,
                       :startedAt, :finishedAt, :durationMs, :exitCode, :message, :logUrl, now(), '{}'::jsonb,
                       '{"county":"kent"}'::jsonb
                  from taskmon.task_monitors where id = :monitorId""")
                .bind("monitorId", monitorId).bind("runId", runId).bind("eventId", UUID.randomUUID())
                .bind("status", status)
                .bind("startedAt", finishedAt == null ? Instant.now() : finishedAt.minusMillis(durationMs == null ? 0 : durationMs))
                .bind("finishedAt", finishedAt).bind("durationMs", durationMs).bind("exitCode", exitCode)
                .bind("message", message).bind("logUrl", logUrl)
                .execute());
    }

    /**
     * A run that was reported pending at {@code queuedAt} and started at {@code startedAt}, with the
     * queue wait the projector stores for it; {@code startedAt} null keeps it queued.
     */
    void queuedRun(UUID monitorId, String runId, String status, Instant queuedAt, Instant startedAt,
                   Instant finishedAt) {
        jdbi.useHandle(h -> h.createUpdate("""
                insert into taskmon.task_runs (monitor_id, run_id, event_id, task_key, kind, machine_name, status,
                    started_at, finished_at, received_at, raw, queued_at, queue_wait_ms)
                select id, :runId, :eventId, task_key, kind, machine_name, :status,
                       :startedAt, :finishedAt, now(), '{}'::jsonb, :queuedAt, :queueWaitMs
                  from taskmon.task_monitors where id = :monitorId""")
                .bind("monitorId", monitorId).bind("runId", runId).bind("eventId", UUID.randomUUID())
                .bind("status", status).bind("startedAt", startedAt).bind("finishedAt", finishedAt)
                .bind("queuedAt", queuedAt)
                .bind("queueWaitMs", startedAt == null ? null : Duration.between(queuedAt, startedAt).toMillis())
                .execute());
    }

    void flip(UUID monitorId, String oldHealth, String newHealth, String reason, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("""
                insert into taskmon.monitor_flips (monitor_id, event_id, old_health, new_health, reason, flipped_at)
                values (:monitorId, :eventId, :oldHealth, :newHealth, :reason, :at)""")
                .bind("monitorId", monitorId).bind("eventId", UUID.randomUUID()).bind("oldHealth", oldHealth)
                .bind("newHealth", newHealth).bind("reason", reason).bind("at", at)
                .execute());
    }

    void hour(UUID monitorId, Instant hourStart, long runs, long failures, long totalDurationMs, long maxDurationMs) {
        jdbi.useHandle(h -> h.createUpdate("""
                insert into taskmon.monitor_stats_hourly (monitor_id, hour_start, runs, failures, total_duration_ms,
                    max_duration_ms, records_processed)
                values (:monitorId, :hourStart, :runs, :failures, :total, :max, 0)""")
                .bind("monitorId", monitorId).bind("hourStart", hourStart).bind("runs", runs)
                .bind("failures", failures).bind("total", totalDurationMs).bind("max", maxDurationMs)
                .execute());
    }

    UUID alert(UUID monitorId, String type, String summary, Instant raisedAt, Instant resolvedAt) {
        UUID alertId = UUID.randomUUID();
        jdbi.useHandle(h -> h.createUpdate("""
                insert into taskmon.alerts (alert_id, alert_type, monitor_id, task_key, task_name, summary, raised_at,
                    resolved_at)
                select :alertId, :type, id, task_key, task_name, :summary, :raisedAt, :resolvedAt
                  from taskmon.task_monitors where id = :monitorId""")
                .bind("alertId", alertId).bind("type", type).bind("monitorId", monitorId).bind("summary", summary)
                .bind("raisedAt", raisedAt).bind("resolvedAt", resolvedAt)
                .execute());
        return alertId;
    }

    /** A delivery of an alert on a channel, as the projector stores its latest step. */
    void delivery(UUID alertId, String channelName, String status, int attempts, String lastError, Instant sentAt,
                  Instant updatedAt) {
        UUID channelId = UUID.randomUUID();
        jdbi.useHandle(h -> h.createUpdate("""
                insert into taskmon.notification_deliveries (delivery_id, alert_id, channel_id, channel_name, status,
                    attempts, last_error, first_owed_at, next_attempt_at, sent_at, updated_at)
                values (:deliveryId, :alertId, :channelId, :channelName, :status, :attempts, :lastError, :owedAt,
                    :nextAttemptAt, :sentAt, :updatedAt)""")
                .bind("deliveryId", Delivery.idOf(alertId, channelId)).bind("alertId", alertId)
                .bind("channelId", channelId).bind("channelName", channelName).bind("status", status)
                .bind("attempts", attempts).bind("lastError", lastError).bind("owedAt", updatedAt.minusSeconds(60))
                .bind("nextAttemptAt", status.equals("retrying") ? updatedAt.plusSeconds(30) : null)
                .bind("sentAt", sentAt).bind("updatedAt", updatedAt)
                .execute());
    }

    /** An ETL job run; {@code bytesRead} of {@code totalBytes} gives its progress. */
    UUID job(String jobName, String status, Instant startedAt, Instant completedAt, long rowsRead, long loaded,
             long failed, double rowsPerSecond, Long totalBytes, Long bytesRead, String errorMessage) {
        UUID jobRunId = UUID.randomUUID();
        jdbi.useHandle(h -> h.createUpdate("""
                insert into taskmon.etl_job_runs (job_run_id, job_name, source, mode, machine_name, status, started_at,
                    completed_at, last_event_at, current_batch, last_successful_batch, rows_read, records_processed,
                    records_failed, batches, rows_per_second, total_bytes, bytes_read, error_message)
                values (:id, :name, 'https://data.example/tax.csv', 'full', 'ETL-01', :status, :startedAt,
                    :completedAt, now(), :batches, :batches, :rowsRead, :loaded, :failed, :batches, :rate,
                    :totalBytes, :bytesRead, :error)""")
                .bind("id", jobRunId).bind("name", jobName).bind("status", status).bind("startedAt", startedAt)
                .bind("completedAt", completedAt).bind("batches", Math.max(1, rowsRead / 1000))
                .bind("rowsRead", rowsRead).bind("loaded", loaded).bind("failed", failed).bind("rate", rowsPerSecond)
                .bind("totalBytes", totalBytes).bind("bytesRead", bytesRead).bind("error", errorMessage)
                .execute());
        return jobRunId;
    }

    void batch(UUID jobRunId, long batchNumber, String status, long rowsRead, long loaded, long failed) {
        jdbi.useHandle(h -> h.createUpdate("""
                insert into taskmon.etl_job_batches (job_run_id, batch_number, status, rows_read, records_processed,
                    records_failed, duration_ms, completed_at)
                values (:id, :batch, :status, :rowsRead, :loaded, :failed, 1200, now())""")
                .bind("id", jobRunId).bind("batch", batchNumber).bind("status", status).bind("rowsRead", rowsRead)
                .bind("loaded", loaded).bind("failed", failed)
                .execute());
    }

    void importError(UUID jobRunId, long batchNumber, long lineNumber, String type, String message, String raw) {
        jdbi.useHandle(h -> h.createUpdate("""
                insert into taskmon.etl_import_errors (job_run_id, batch_number, line_number, error_type, error_message,
                    raw_data)
                values (:id, :batch, :line, :type, :message, :raw)""")
                .bind("id", jobRunId).bind("batch", batchNumber).bind("line", lineNumber).bind("type", type)
                .bind("message", message).bind("raw", raw)
                .execute());
    }

    /** A dead letter as the projector stores it; returns its id. */
    long deadLetter(String sourceTopic, int partition, long offset, String consumer, String reason, String raw,
                    Instant failedAt, Instant replayedAt) {
        return jdbi.withHandle(h -> h.createUpdate("""
                insert into taskmon.dead_letters (source_topic, source_partition, source_offset, consumer, reason,
                    raw_value, raw_value_base64, schema_version, failed_at, replayed_at)
                values (:topic, :partition, :offset, :consumer, :reason, :raw,
                    encode(convert_to(:raw, 'UTF8'), 'base64'), 1, :failedAt, :replayedAt)""")
                .bind("topic", sourceTopic).bind("partition", partition).bind("offset", offset)
                .bind("consumer", consumer).bind("reason", reason).bind("raw", raw).bind("failedAt", failedAt)
                .bind("replayedAt", replayedAt)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    void execute(String sql) {
        jdbi.useHandle(h -> h.execute(sql));
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
