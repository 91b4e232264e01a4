package io.taskmon.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.taskmon.config.PostgresEndpoint;
import io.taskmon.config.Settings;
import io.taskmon.dashboard.DashboardSettings;
import io.taskmon.embedded.ConnectionPools;
import io.taskmon.embedded.EmbeddedKafkaBroker;
import io.taskmon.embedded.EmbeddedPostgresServer;
import io.taskmon.gateway.GatewaySettings;
import io.taskmon.projector.ReadModelMigrations;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.HdrHistogram.Histogram;

/**
 * {@code ./taskmon bench dashboard}: loads a large read model into an embedded PostgreSQL
 * (default 10,000 monitors, 5,000,000 runs), starts the dashboard as {@code ./taskmon up} serves
 * it, and measures over HTTP, one request after another: the incidents API, and the monitor
 * detail (the monitor plus the first page of its runs, the two calls the detail page makes).
 *
 * <p>Data shape: about 10 % of monitors failing, 2 % disabled, five kinds on fifty hosts; runs
 * spread unevenly (the busiest monitor, an every-minute task, holds about 1 % of all runs),
 * 5 % of runs failed, finish times over 90 days.
 *
 * <p>Same-machine comparator, labelled {@code baseline_sql_*}: the incidents query straight over
 * JDBC, without HTTP and JSON, so the share of the database in the figure is visible.
 *
 * <p>Sizes: TASKMON_BENCH_DASHBOARD_MONITORS, _RUNS, _REQUESTS (or the system
 * properties taskmon.bench.dashboard.monitors, .runs, .requests).
 */
public final class DashboardBenchmark {

    private static final int WARMUP = 300;
    private static final long LOAD_CHUNK = 1_000_000;

    private final HttpClient http = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        int monitors = (int) size("monitors", 10_000);
        long runs = size("runs", 5_000_000);
        int requests = (int) size("requests", 2_000);
        Path base = Path.of(System.getProperty("taskmon.bench.dir", "target/bench")).toAbsolutePath()
                .resolve("dashboard-" + ProcessHandle.current().pid());
        new DashboardBenchmark().run(base, monitors, runs, requests);
        // The embedded broker leaves non-daemon threads behind; the figures are printed.
        System.exit(0);
    }

    private static long size(String name, long fallback) {
        String value = System.getProperty("taskmon.bench.dashboard." + name,
                System.getenv("TASKMON_BENCH_DASHBOARD_" + name.toUpperCase()));
        if (value == null || value.isBlank()) {
            return fallback;
        }
        long parsed = Long.parseLong(value.trim().replace("_", ""));
        if (parsed < 1) {
            throw new IllegalArgumentException("TASKMON_BENCH_DASHBOARD_" + name.toUpperCase() + " must be at least 1");
        }
        return parsed;
    }

    private void run(Path base, int monitors, long runs, int requests) throws Exception {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(base.resolve("postgres"));
             EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(base.resolve("kafka"));
             HikariDataSource loader = ConnectionPools.open(postgres.endpoint(), "bench-loader", 2)) {
            ReadModelMigrations.migrate(loader);
            long begin = System.nanoTime();
            load(loader, monitors, runs);
            System.out.printf("loaded %,d monitors and %,d runs in %.1f s%n", monitors, runs,
                    (System.nanoTime() - begin) / 1e9);
            List<UUID> ids = monitorIds(loader);
            long failing = count(loader, "select count(*) from taskmon.task_monitors where health in ('failing', 'missed', 'timeout') and enabled");

            try (EmbeddedServer dashboard = dashboard(postgres.endpoint(), broker.bootstrapServers())) {
                URI server = dashboard.getURI();
                SplittableRandom random = new SplittableRandom(42);
                for (int i = 0; i < WARMUP; i++) {
                    get(server.resolve("/api/incidents"));
                    detail(server, ids.get(random.nextInt(ids.size())));
                }
                Histogram incidents = new Histogram(3);
                Histogram detail = new Histogram(3);
                for (int i = 0; i < requests; i++) {
                    long start = System.nanoTime();
                    get(server.resolve("/api/incidents"));
                    incidents.recordValue(System.nanoTime() - start);
                    UUID id = ids.get(random.nextInt(ids.size()));
                    start = System.nanoTime();
                    detail(server, id);
                    detail.recordValue(System.nanoTime() - start);
                }
                Histogram sql = baselineIncidentsSql(loader, requests);
                System.out.printf("incidents API (%,d failing, first page of 100): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                        failing, ms(incidents, 50), ms(incidents, 99), ms(incidents, 100));
                System.out.printf("monitor detail + first runs page: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                        ms(detail, 50), ms(detail, 99), ms(detail, 100));
                System.out.printf("baseline, incidents SQL over JDBC only: p50 %.2f ms, p99 %.2f ms%n",
                        ms(sql, 50), ms(sql, 99));
                System.out.printf("RESULT name=dashboard incidents_p50_ms=%.2f incidents_p99_ms=%.2f detail_p50_ms=%.2f"
                                + " detail_p99_ms=%.2f baseline_sql_incidents_p50_ms=%.2f baseline_sql_incidents_p99_ms=%.2f"
                                + " monitors=%d runs=%d requests=%d%n",
                        ms(incidents, 50), ms(incidents, 99), ms(detail, 50), ms(detail, 99), ms(sql, 50), ms(sql, 99),
                        monitors, runs, requests);
            }
        }
    }

    /** The HTTP server with every bean {@code ./taskmon up} puts in it (gateway and dashboard). */
    private static EmbeddedServer dashboard(PostgresEndpoint postgres, String bootstrap) {
        Settings settings = new Settings(Map.of("TASKMON_INGEST_KEYS", "bench-key"), warning -> { });
        return ApplicationContext.builder()
                .properties(Map.of(
                        "micronaut.server.host", "127.0.0.1",
                        "micronaut.server.port", -1))
                .singletons(GatewaySettings.read(settings, bootstrap),
                        DashboardSettings.read(settings, postgres.jdbcUrl(), postgres.user(), postgres.password())
                                .withKafkaBootstrapServers(bootstrap))
                .run(EmbeddedServer.class);
    }

    /**
     * generate_series in SQL, with the history table's indexes dropped during the load and
     * built afterwards (as a bulk restore does): minutes instead of an hour. The index
     * definitions are read from the catalog, so they stay those of the real migrations.
     */
    private static void load(HikariDataSource dataSource, int monitors, long runs) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("set synchronous_commit = off");
            sql.execute("set maintenance_work_mem = '512MB'");
            sql.execute("""
                    insert into taskmon.task_monitors (id, task_key, task_name, kind, machine_name, enabled, health,
                        last_status, last_started_at, last_finished_at, last_duration_ms, last_exit_code, last_message,
                        last_log_url, last_reported_at, last_success_at, last_failure_at, consecutive_failures,
                        total_runs, total_failures, streak_started_at, alert_state)
                    select md5('monitor' || i)::uuid, 'task_' || i, 'タスク ' || i || ' 日次処理',
                           (array['python', 'bat', 'shell', 'etl', 'celery'])[1 + i %% 5],
                           'HOST-' || lpad((i %% 50)::text, 2, '0'),
                           i %% 50 <> 7,
                           case when i %% 10 = 3 then 'failing' when i %% 97 = 0 then 'new' else 'up' end,
                           case when i %% 10 = 3 then 'failed' else 'success' end,
                           finished - interval '30 seconds', finished, 30000,
                           case when i %% 10 = 3 then 1 else 0 end,
                           case when i %% 10 = 3 then 'ERROR: connection refused by db-' || (i %% 7) else 'ok' end,
                           'https://logs.example/task_' || i, finished,
                           case when i %% 10 = 3 then finished - interval '3 hours' else finished end,
                           case when i %% 10 = 3 then finished end,
                           case when i %% 10 = 3 then 3 else 0 end, 500, 25,
                           case when i %% 10 = 3 then finished - interval '2 hours' end,
                           case when i %% 10 = 3 then 'alerting' else 'none' end
                      from generate_series(0, %d) i,
                           lateral (select now() - (i %% 1440) * interval '1 minute' as finished) t
                    """.formatted(monitors - 1));

            List<String> rebuild = new ArrayList<>();
            try (ResultSet rs = sql.executeQuery("""
                    select 'alter table taskmon.task_runs add constraint ' || conname || ' ' || pg_get_constraintdef(oid)
                      from pg_constraint where conrelid = 'taskmon.task_runs'::regclass and contype = 'p'""")) {
                while (rs.next()) {
                    rebuild.add(rs.getString(1));
                }
            }
            try (ResultSet rs = sql.executeQuery("""
                    select indexdef from pg_indexes
                     where schemaname = 'taskmon' and tablename = 'task_runs' and indexname <> 'task_runs_pkey'""")) {
                while (rs.next()) {
                    rebuild.add(rs.getString(1));
                }
            }
            sql.execute("alter table taskmon.task_runs drop constraint task_runs_pkey");
            try (ResultSet rs = sql.executeQuery("""
                    select indexname from pg_indexes where schemaname = 'taskmon' and tablename = 'task_runs'""")) {
                List<String> names = new ArrayList<>();
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
                for (String name : names) {
                    sql.execute("drop index taskmon." + name);
                }
            }
            for (long from = 1; from <= runs; from += LOAD_CHUNK) {
                long to = Math.min(runs, from + LOAD_CHUNK - 1);
                // power(random(), 2) skews runs towards low monitor numbers: a few busy tasks, many quiet ones.
                sql.execute("""
                        insert into taskmon.task_runs (monitor_id, run_id, event_id, task_key, kind, machine_name,
                            status, started_at, finished_at, duration_ms, exit_code, message, log_url, received_at, raw)
                        select md5('monitor' || m)::uuid, r::text, md5('run' || r)::uuid, 'task_' || m,
                               (array['python', 'bat', 'shell', 'etl', 'celery'])[1 + m %% 5],
                               'HOST-' || lpad((m %% 50)::text, 2, '0'),
                               case when failed then 'failed' else 'success' end,
                               finished - interval '25 seconds', finished, 25000 + (r %% 10000),
                               case when failed then 1 else 0 end,
                               case when failed then 'ERROR: connection refused' else 'processed ' || (r %% 1000) || ' rows' end,
                               'https://logs.example/run/' || r, finished, '{}'::jsonb
                          from generate_series(%d, %d) r,
                               lateral (select floor(%d * power(random(), 2))::int as m,
                                               random() < 0.05 as failed,
                                               now() - random() * interval '90 days' as finished) x
                        """.formatted(from, to, monitors));
                System.out.printf("  runs %,d..%,d inserted%n", from, to);
            }
            for (String ddl : rebuild) {
                sql.execute(ddl);
            }
            sql.execute("vacuum analyze taskmon.task_monitors");
            sql.execute("vacuum analyze taskmon.task_runs");
        }
    }

    private static List<UUID> monitorIds(HikariDataSource dataSource) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement();
             ResultSet rs = sql.executeQuery("select id from taskmon.task_monitors order by task_key")) {
            while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
            }
        }
        return ids;
    }

    private static long count(HikariDataSource dataSource, String query) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement();
             ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Histogram baselineIncidentsSql(HikariDataSource dataSource, int requests) throws SQLException {
        Histogram times = new Histogram(3);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement rows = connection.prepareStatement("""
                     select * from taskmon.task_monitors where health in ('failing', 'missed', 'timeout') and enabled
                      order by last_finished_at desc limit 100""");
             PreparedStatement count = connection.prepareStatement(
                     "select count(*) from taskmon.task_monitors where health in ('failing', 'missed', 'timeout') and enabled")) {
            for (int i = 0; i < WARMUP + requests; i++) {
                long start = System.nanoTime();
                try (ResultSet rs = rows.executeQuery()) {
                    while (rs.next()) {
                        rs.getString("task_key");
                    }
                }
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                }
                if (i >= WARMUP) {
                    times.recordValue(System.nanoTime() - start);
                }
            }
        }
        return times;
    }

    private void detail(URI server, UUID monitorId) throws IOException, InterruptedException {
        get(server.resolve("/api/monitors/" + monitorId));
        get(server.resolve("/api/monitors/" + monitorId + "/runs"));
    }

    private void get(URI uri) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode());
        }
    }

    /** Request times are recorded in nanoseconds, three significant digits. */
    private static double ms(Histogram nanos, int percentile) {
        return (percentile == 100 ? nanos.getMaxValue() : nanos.getValueAtPercentile(percentile)) / 1e6;
    }
}
