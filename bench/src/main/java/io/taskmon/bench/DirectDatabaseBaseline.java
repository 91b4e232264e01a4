package io.taskmon.bench;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.taskmon.events.EventJson;
import io.taskmon.events.TaskRunReported;
import io.taskmon.web.ErrorBody;
import io.taskmon.gateway.IngestKeys;
import io.taskmon.gateway.ReportAccepted;
import io.taskmon.gateway.ReportParser;
import io.taskmon.web.RequestRejected;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * THE BASELINE of {@code ./taskmon bench ingest}, not part of taskmon: a report handler in the
 * shape of the TC Portal's, writing to the database on the request path. Per request it checks
 * the key, validates the report with the gateway's own parser, then in one transaction upserts
 * the monitor's latest row and inserts a history row, and answers once PostgreSQL committed.
 * It runs in the same HTTP server as the gateway and is driven by the same load generator, so
 * the two differ only in where the report goes. Active only when the benchmark sets
 * {@code taskmon.bench.baseline=true}.
 */
@Requires(property = "taskmon.bench.baseline", value = "true")
@Controller("/bench/baseline")
public class DirectDatabaseBaseline {

    /** The TC Portal's two tables (its spec, section 2), in a schema of their own. */
    static final String SCHEMA = """
            create schema if not exists baseline;
            create table if not exists baseline.task_monitors (
              id uuid primary key default gen_random_uuid(),
              task_key text not null, task_name text not null, kind text not null, machine_name text null,
              enabled boolean not null default true,
              last_status text null, last_started_at timestamptz null, last_finished_at timestamptz null,
              last_exit_code int null, last_message text null, last_log_url text null,
              created_at timestamptz not null default now(), updated_at timestamptz not null default now());
            create unique index if not exists task_monitors_unique
              on baseline.task_monitors (task_key, kind, coalesce(machine_name, ''));
            create table if not exists baseline.task_monitor_runs (
              id uuid primary key default gen_random_uuid(),
              monitor_id uuid not null references baseline.task_monitors(id) on delete cascade,
              status text not null, started_at timestamptz null, finished_at timestamptz null,
              duration_ms int null, exit_code int null, message text null, log_url text null,
              raw jsonb null, created_at timestamptz not null default now());
            create index if not exists task_monitor_runs_monitor_id
              on baseline.task_monitor_runs (monitor_id, created_at desc);
            """;

    private static final String UPSERT_MONITOR = """
            insert into baseline.task_monitors as m (task_key, task_name, kind, machine_name, last_status,
                   last_started_at, last_finished_at, last_exit_code, last_message, last_log_url)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (task_key, kind, coalesce(machine_name, '')) do update set
                   task_name = excluded.task_name, last_status = excluded.last_status,
                   last_started_at = excluded.last_started_at, last_finished_at = excluded.last_finished_at,
                   last_exit_code = excluded.last_exit_code, last_message = excluded.last_message,
                   last_log_url = excluded.last_log_url, updated_at = now()
            returning id""";

    private static final String INSERT_RUN = """
            insert into baseline.task_monitor_runs (monitor_id, status, started_at, finished_at, duration_ms,
                   exit_code, message, log_url, raw)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""";

    private final IngestKeys keys;
    private final DataSource dataSource;
    private final ReportParser parser = new ReportParser(Clock.systemUTC());

    DirectDatabaseBaseline(IngestKeys keys, BaselineDatabase database) {
        this.keys = keys;
        this.dataSource = database.dataSource();
    }

    /** The pool the baseline writes through, handed in by the benchmark. */
    public record BaselineDatabase(DataSource dataSource) {
    }

    @Post(uri = "/report", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> report(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                                  @Nullable @Header("X-TC-Portal-Secret") String tcPortalSecret,
                                  @Nullable @Body byte[] body) {
        if (!keys.accepts(IngestKeys.presentedKey(authorization, tcPortalSecret))) {
            return HttpResponse.status(HttpStatus.UNAUTHORIZED).body(new ErrorBody("Invalid or missing secret"));
        }
        TaskRunReported run;
        try {
            run = parser.parse(body);
        } catch (RequestRejected invalid) {
            return HttpResponse.status(invalid.status()).body(new ErrorBody(invalid.getMessage()));
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            UUID monitorId = upsertMonitor(connection, run);
            insertRun(connection, monitorId, run);
            connection.commit();
            return HttpResponse.ok(new ReportAccepted(true, monitorId, run.taskKey(), run.eventId()));
        } catch (SQLException | RuntimeException e) {
            return HttpResponse.status(HttpStatus.INTERNAL_SERVER_ERROR).body(new ErrorBody("Failed to create task monitor"));
        }
    }

    private static UUID upsertMonitor(Connection connection, TaskRunReported run) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT_MONITOR)) {
            upsert.setString(1, run.taskKey());
            upsert.setString(2, run.taskName());
            upsert.setString(3, run.kind());
            upsert.setString(4, run.machineName());
            upsert.setString(5, run.status().wireName());
            upsert.setTimestamp(6, timestamp(run.startedAt()));
            upsert.setTimestamp(7, timestamp(run.finishedAt()));
            setInteger(upsert, 8, run.exitCode());
            upsert.setString(9, run.message());
            upsert.setString(10, run.logUrl());
            try (ResultSet rs = upsert.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        }
    }

    private static void insertRun(Connection connection, UUID monitorId, TaskRunReported run) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_RUN)) {
            insert.setObject(1, monitorId);
            insert.setString(2, run.status().wireName());
            insert.setTimestamp(3, timestamp(run.startedAt()));
            insert.setTimestamp(4, timestamp(run.finishedAt()));
            setInteger(insert, 5, run.durationMs() == null ? null : (int) Math.min(Integer.MAX_VALUE, run.durationMs()));
            setInteger(insert, 6, run.exitCode());
            insert.setString(7, run.message());
            insert.setString(8, run.logUrl());
            try {
                insert.setString(9, EventJson.mapper().writeValueAsString(run));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            insert.executeUpdate();
        }
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static void setInteger(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }
}
