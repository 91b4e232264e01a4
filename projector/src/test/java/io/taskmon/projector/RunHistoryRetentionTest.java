package io.taskmon.projector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** History past its age goes, in batches; monitors, open alerts and ETL job summaries stay. */
class RunHistoryRetentionTest {

    private static final Instant NOW = Instant.parse("2026-11-20T00:00:00Z");
    private static ReadModelDatabase db;

    @BeforeAll
    static void migrate() {
        db = new ReadModelDatabase("retention_test");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void emptyTheReadModel() {
        new ReadModelRebuild(db.jdbi).reset();
    }

    @Test
    void shouldDeleteHistoryOlderThanTheCutoffInBatchesAndKeepMonitorsOpenAlertsAndNewerRows() {
        db.jdbi.useHandle(h -> h.execute("""
                -- 1,250 runs 100 days old and 20 runs one day old, of one monitor
                insert into taskmon.task_monitors (id, task_key, task_name, kind, last_status)
                values ('00000000-0000-0000-0000-000000000001', 'kept-monitor', 'kept', 'shell', 'failed');
                insert into taskmon.task_runs (monitor_id, run_id, event_id, task_key, kind, status, received_at, raw)
                select '00000000-0000-0000-0000-000000000001', 'old-' || i, gen_random_uuid(), 'kept-monitor', 'shell',
                       'success', timestamptz '2026-11-20' - interval '100 days', '{}'
                  from generate_series(1, 1250) i;
                insert into taskmon.task_runs (monitor_id, run_id, event_id, task_key, kind, status, received_at, raw)
                select '00000000-0000-0000-0000-000000000001', 'new-' || i, gen_random_uuid(), 'kept-monitor', 'shell',
                       'failed', timestamptz '2026-11-20' - interval '1 day', '{}'
                  from generate_series(1, 20) i;
                insert into taskmon.monitor_flips values
                  ('00000000-0000-0000-0000-000000000001', gen_random_uuid(), 'up', 'failing', 'old', timestamptz '2026-11-20' - interval '91 days'),
                  ('00000000-0000-0000-0000-000000000001', gen_random_uuid(), 'failing', 'up', 'new', timestamptz '2026-11-20' - interval '89 days');
                insert into taskmon.alerts (alert_id, alert_type, summary, raised_at, resolved_at) values
                  ('00000000-0000-0000-0000-0000000000a1', 'FAILING', 'resolved long ago', timestamptz '2026-11-20' - interval '200 days', timestamptz '2026-11-20' - interval '120 days'),
                  ('00000000-0000-0000-0000-0000000000a2', 'RECOVERED', 'its recovery', timestamptz '2026-11-20' - interval '120 days', null),
                  ('00000000-0000-0000-0000-0000000000a3', 'FAILING', 'open for 200 days', timestamptz '2026-11-20' - interval '200 days', null),
                  ('00000000-0000-0000-0000-0000000000a4', 'FAILING', 'resolved lately', timestamptz '2026-11-20' - interval '200 days', timestamptz '2026-11-20' - interval '10 days');
                -- a delivery of each alert, all last changed 119 days ago
                insert into taskmon.notification_deliveries (delivery_id, alert_id, channel_id, channel_name, status,
                                                             attempts, sent_at, updated_at)
                select gen_random_uuid(), a, gen_random_uuid(), 'ops-mail', 'delivered', 1,
                       timestamptz '2026-11-20' - interval '119 days', timestamptz '2026-11-20' - interval '119 days'
                  from (values ('00000000-0000-0000-0000-0000000000a1'::uuid), ('00000000-0000-0000-0000-0000000000a2'::uuid),
                               ('00000000-0000-0000-0000-0000000000a3'::uuid), ('00000000-0000-0000-0000-0000000000a4'::uuid)) v(a);
                insert into taskmon.monitor_stats_hourly values
                  ('00000000-0000-0000-0000-000000000001', timestamptz '2026-11-20' - interval '401 days', 1, 0, 1, 1, 1),
                  ('00000000-0000-0000-0000-000000000001', timestamptz '2026-11-20' - interval '100 days', 1, 0, 1, 1, 1);
                insert into taskmon.etl_job_runs (job_run_id, job_name, status, started_at, completed_at) values
                  ('00000000-0000-0000-0000-0000000000e1', 'old-job', 'success', timestamptz '2026-11-20' - interval '95 days', timestamptz '2026-11-20' - interval '95 days'),
                  ('00000000-0000-0000-0000-0000000000e2', 'new-job', 'failed', timestamptz '2026-11-20' - interval '5 days', timestamptz '2026-11-20' - interval '5 days');
                insert into taskmon.etl_job_batches (job_run_id, batch_number, status, rows_read, completed_at)
                select j, b, 'completed', 1000, timestamptz '2026-11-20' - interval '95 days'
                  from (values ('00000000-0000-0000-0000-0000000000e1'::uuid), ('00000000-0000-0000-0000-0000000000e2'::uuid)) v(j),
                       generate_series(1, 3) b;
                insert into taskmon.etl_import_errors (job_run_id, batch_number, line_number, error_type, error_message)
                select j, 1, l, 'INVALID_BAN', 'bad'
                  from (values ('00000000-0000-0000-0000-0000000000e1'::uuid), ('00000000-0000-0000-0000-0000000000e2'::uuid)) v(j),
                       generate_series(1, 4) l;
                """));
        RetentionSettings settings = new RetentionSettings(Duration.ofDays(90), Duration.ofDays(400), Duration.ofHours(1), 500);

        Map<String, Long> deleted = new RunHistoryRetention(db.jdbi, settings, Clock.fixed(NOW, ZoneOffset.UTC)).runOnce();

        assertThat(deleted).isEqualTo(Map.of("task_runs", 1250L, "monitor_flips", 1L, "alerts", 2L,
                "notification_deliveries", 2L, "etl_import_errors", 4L, "etl_job_batches", 3L,
                "monitor_stats_hourly", 1L));
        assertThat(db.count("select count(*) from taskmon.task_runs")).isEqualTo(20);
        assertThat(db.count("select count(*) from taskmon.task_runs where run_id like 'old-%'")).isZero();
        assertThat(db.count("select count(*) from taskmon.task_monitors where task_key = 'kept-monitor'")).isEqualTo(1);
        assertThat(db.rows("select reason from taskmon.monitor_flips")).containsExactly(List.of("new"));
        assertThat(db.rows("select summary from taskmon.alerts order by summary"))
                .containsExactly(List.of("open for 200 days"), List.of("resolved lately"));
        assertThat(db.rows("select alert_id from taskmon.notification_deliveries order by alert_id")).containsExactly(
                List.of("00000000-0000-0000-0000-0000000000a3"), List.of("00000000-0000-0000-0000-0000000000a4"));
        assertThat(db.count("select count(*) from taskmon.monitor_stats_hourly")).isEqualTo(1);
        assertThat(db.rows("select job_name, (select count(*) from taskmon.etl_job_batches b where b.job_run_id = j.job_run_id),"
                + " (select count(*) from taskmon.etl_import_errors e where e.job_run_id = j.job_run_id)"
                + " from taskmon.etl_job_runs j order by job_name"))
                .containsExactly(List.of("new-job", "3", "4"), List.of("old-job", "0", "0"));

        Map<String, Long> again = new RunHistoryRetention(db.jdbi, settings, Clock.fixed(NOW, ZoneOffset.UTC)).runOnce();
        assertThat(again.values()).containsOnly(0L);
    }

    @Test
    void shouldKeepEverythingWhenTheAgeIsZero() {
        db.jdbi.useHandle(h -> h.execute("""
                insert into taskmon.task_runs (monitor_id, run_id, event_id, task_key, kind, status, received_at, raw)
                values (gen_random_uuid(), 'ancient', gen_random_uuid(), 'forever', 'shell', 'success',
                        timestamptz '2016-01-01', '{}')
                """));
        RetentionSettings forever = new RetentionSettings(Duration.ZERO, Duration.ZERO, Duration.ofHours(1), 100);

        Map<String, Long> deleted = new RunHistoryRetention(db.jdbi, forever, Clock.fixed(NOW, ZoneOffset.UTC)).runOnce();

        assertThat(deleted).isEmpty();
        assertThat(db.count("select count(*) from taskmon.task_runs where task_key = 'forever'")).isEqualTo(1);
    }
}
