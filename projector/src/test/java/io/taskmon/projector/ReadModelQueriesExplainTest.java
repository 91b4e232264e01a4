package io.taskmon.projector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's queries use their indexes on a read model of realistic size: 300,000 runs over
 * 5,000 monitors (half with a schedule, a tenth of them failing, missed or timed out), 100,000 hourly stats, 50,000 alerts and flips, 20,000 ETL job runs with their
 * batches and import errors.
 */
class ReadModelQueriesExplainTest {

    private static ReadModelDatabase db;

    @BeforeAll
    static void load() {
        db = new ReadModelDatabase("explain_test");
        db.jdbi.useHandle(h -> h.execute("""
                insert into taskmon.task_monitors (id, task_key, task_name, kind, machine_name, enabled, last_status,
                                                   last_finished_at, health, consecutive_failures, monitor_config,
                                                   next_expected_at)
                select ('00000000-0000-0000-0000-' || lpad(to_hex(i), 12, '0'))::uuid, 'task-' || i, 'Task ' || i,
                       'kind-' || (i % 10), 'HOST-' || i, i % 50 <> 0, case when i % 20 = 0 then 'failed' else 'success' end,
                       timestamptz '2026-11-20' - i * interval '1 minute',
                       case when i % 20 = 0 then 'failing' when i % 20 = 7 then 'missed' when i % 20 = 9 then 'timeout'
                            when i % 3 = 0 then 'late' else 'up' end,
                       case when i % 20 = 0 then 3 else 0 end,
                       case when i % 2 = 1 then '{"interval_seconds": 3600, "grace_seconds": 300}'::jsonb end,
                       case when i % 2 = 1 then timestamptz '2026-11-20' + (i % 60) * interval '1 minute' end
                  from generate_series(1, 5000) i;

                insert into taskmon.task_runs (monitor_id, run_id, event_id, task_key, kind, status, started_at,
                                               finished_at, duration_ms, received_at, raw)
                select ('00000000-0000-0000-0000-' || lpad(to_hex(i % 5000 + 1), 12, '0'))::uuid, 'run-' || i,
                       gen_random_uuid(), 'task-' || (i % 5000 + 1), 'kind-' || ((i % 5000 + 1) % 10),
                       case when i % 9 = 0 then 'failed' else 'success' end,
                       timestamptz '2026-01-01' + i * interval '1 minute' - interval '30 seconds',
                       timestamptz '2026-01-01' + i * interval '1 minute', 30000,
                       timestamptz '2026-01-01' + i * interval '1 minute', '{"schema_version":1}'
                  from generate_series(1, 300000) i;

                insert into taskmon.monitor_stats_hourly
                select ('00000000-0000-0000-0000-' || lpad(to_hex(i % 5000 + 1), 12, '0'))::uuid,
                       timestamptz '2026-11-20' - (i / 5000) * interval '1 hour', 10, 1, 300000, 40000, 1000
                  from generate_series(1, 100000) i;

                insert into taskmon.monitor_flips
                select ('00000000-0000-0000-0000-' || lpad(to_hex(i % 5000 + 1), 12, '0'))::uuid, gen_random_uuid(),
                       'up', 'failing', 'run failed', timestamptz '2026-11-20' - i * interval '1 minute'
                  from generate_series(1, 50000) i;

                insert into taskmon.alerts (alert_id, alert_type, monitor_id, job_run_id, summary, raised_at, resolved_at)
                select gen_random_uuid(), case when i % 2 = 0 then 'FAILING' else 'RECOVERED' end,
                       case when i % 10 <> 0 then ('00000000-0000-0000-0000-' || lpad(to_hex(i % 5000 + 1), 12, '0'))::uuid end,
                       case when i % 10 = 0 then gen_random_uuid() end, 'alert ' || i,
                       timestamptz '2026-11-20' - i * interval '1 minute',
                       case when i % 2 = 0 and i > 500 then timestamptz '2026-11-20' end
                  from generate_series(1, 50000) i;

                insert into taskmon.etl_job_runs (job_run_id, job_name, status, started_at, completed_at)
                select ('00000000-0000-0000-0000-' || lpad(to_hex(57344 + i), 12, '0'))::uuid, 'job-' || (i % 5),
                       case when i % 1000 = 0 then 'running' when i % 7 = 0 then 'failed' else 'success' end,
                       timestamptz '2026-11-20' - i * interval '1 hour',
                       case when i % 1000 <> 0 then timestamptz '2026-11-20' - i * interval '1 hour' + interval '5 minutes' end
                  from generate_series(1, 20000) i;

                insert into taskmon.etl_job_batches (job_run_id, batch_number, status, rows_read, completed_at)
                select ('00000000-0000-0000-0000-' || lpad(to_hex(57344 + i % 20000 + 1), 12, '0'))::uuid, i / 20000,
                       'completed', 5000, timestamptz '2026-11-20'
                  from generate_series(1, 100000) i;

                insert into taskmon.etl_import_errors (job_run_id, batch_number, line_number, error_type, error_message)
                select ('00000000-0000-0000-0000-' || lpad(to_hex(57344 + i % 20000 + 1), 12, '0'))::uuid, i / 20000,
                       i, 'INVALID_BAN', 'bad'
                  from generate_series(1, 100000) i;
                analyze;
                """));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void shouldServeEveryDashboardQueryFromItsIndex() {
        assertThat(db.count("select count(*) from taskmon.task_runs")).isEqualTo(300_000);
        for (ReadModelQueries.Query query : ReadModelQueries.ALL) {
            String plan = db.jdbi.withHandle(h -> String.join("\n",
                    h.createQuery("explain " + query.sql()).mapTo(String.class).list()));
            assertThat(plan).as(query.name() + "\n" + plan)
                    .containsPattern("( using | Bitmap Index Scan on )(" + query.index() + ")\\b")
                    .doesNotContain("Seq Scan");
        }
    }

    @Test
    void shouldCheckTheStatusOfFailedRunsInsideTheRunHistoryIndex() {
        ReadModelQueries.Query failedRuns = ReadModelQueries.ALL.stream()
                .filter(q -> q.name().startsWith("failed runs of one monitor")).findFirst().orElseThrow();
        String plan = db.jdbi.withHandle(h -> String.join("\n",
                h.createQuery("explain " + failedRuns.sql()).mapTo(String.class).list()));
        assertThat(plan).as(plan)
                .containsPattern("Index Cond: \\(\\(monitor_id = .*\\) AND \\(status = 'failed'::text\\)\\)")
                .doesNotContain("Filter:");
    }

    @Test
    void shouldFindTheRunsRetentionDeletesThroughTheBrinIndex() {
        db.jdbi.useHandle(h -> h.execute("vacuum taskmon.task_runs"));
        String plan = db.jdbi.withHandle(h -> String.join("\n", h.createQuery("""
                explain delete from taskmon.task_runs where ctid = any(array(
                    select ctid from taskmon.task_runs where received_at < timestamptz '2026-01-10' limit 500))
                """).mapTo(String.class).list()));
        assertThat(plan).as(plan).contains("Bitmap Index Scan on task_runs_received_brin").doesNotContain("Seq Scan");
    }
}
