package io.taskmon.projector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskmon.config.PostgresEndpoint;
import io.taskmon.embedded.ConnectionPools;
import io.taskmon.readmodel.ReadModelJdbi;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


/** The roles the migrations create, logged in with the passwords from configuration, can do exactly their job. */
class DatabaseRolesTest {

    private static final String PROJECTOR_PASSWORD = "p'w\\" + UUID.randomUUID();
    private static final String READER_PASSWORD = "r-" + UUID.randomUUID();
    private static ReadModelDatabase db;

    @BeforeAll
    static void migrate() throws SQLException {
        db = new ReadModelDatabase("roles_test", new RolePasswords(PROJECTOR_PASSWORD, READER_PASSWORD));
        try (Connection admin = connect(db.endpoint.user(), db.endpoint.password());
             Statement statement = admin.createStatement()) {
            // The etl-worker's schema: owned by someone else, so the projector must not write it.
            statement.execute("create schema etl");
            statement.execute("create table etl.tax_registrations (ban text primary key)");
            statement.execute("insert into taskmon.task_runs (monitor_id, run_id, event_id, task_key, kind, status,"
                    + " received_at, raw) values (gen_random_uuid(), 'r1', gen_random_uuid(), 'roles', 'shell',"
                    + " 'success', now(), '{}')");
        }
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void shouldLetTheReaderSelectButNeverWrite() throws SQLException {
        try (Connection reader = connect("taskmon_reader", READER_PASSWORD); Statement sql = reader.createStatement()) {
            assertThat(currentUser(sql)).isEqualTo("taskmon_reader");
            try (var rows = sql.executeQuery("select count(*) from taskmon.task_runs")) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(1);
            }
            for (String write : new String[] {
                "insert into taskmon.task_monitors (id, task_key, task_name, kind, last_status)"
                        + " values (gen_random_uuid(), 'x', 'x', 'shell', 'success')",
                "update taskmon.task_runs set status = 'failed'",
                "delete from taskmon.task_runs",
                "truncate taskmon.alerts",
                "create table taskmon.mine (id int)",
                "drop table taskmon.task_runs"}) {
                assertThatThrownBy(() -> sql.execute(write)).as(write).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isIn("42501", "42P01"));
            }
        }
        assertThat(db.count("select count(*) from taskmon.task_runs")).isEqualTo(1);
    }

    @Test
    void shouldLetTheProjectorWriteTheReadModelButNotDropAlterOrTouchOtherSchemas() throws SQLException {
        try (Connection projector = connect("taskmon_projector", PROJECTOR_PASSWORD);
             Statement sql = projector.createStatement()) {
            assertThat(currentUser(sql)).isEqualTo("taskmon_projector");
            sql.execute("insert into taskmon.monitor_flips (monitor_id, event_id, old_health, new_health, reason,"
                    + " flipped_at) values (gen_random_uuid(), gen_random_uuid(), 'up', 'failing', 'test', now())");
            sql.execute("update taskmon.task_runs set status = 'failed' where run_id = 'r1'");
            sql.execute("delete from taskmon.monitor_flips");
            for (String forbidden : new String[] {
                "drop table taskmon.task_runs",
                "alter table taskmon.task_runs add column sneaky text",
                "create table taskmon.mine (id int)",
                "insert into etl.tax_registrations values ('12345678')",
                "select * from etl.tax_registrations",
                "create role intruder"}) {
                assertThatThrownBy(() -> sql.execute(forbidden)).as(forbidden).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
            }
        }
        assertThat(db.text("select status from taskmon.task_runs where run_id = 'r1'")).isEqualTo("failed");
        assertThat(db.count("select count(*) from information_schema.columns where table_name = 'task_runs'"
                + " and column_name = 'sneaky'")).isZero();
    }

    /**
     * The embedded test server trusts local connections, so a wrong password cannot be shown
     * failing here; what the configuration did to the roles can.
     */
    @Test
    void shouldGiveTheRolesTheirConfiguredPasswordsAndTheRightToLogIn() {
        assertThat(db.rows("select rolname, rolcanlogin, rolpassword like 'SCRAM-SHA-256$%', rolsuper, rolcreaterole"
                + " from pg_authid where rolname like 'taskmon\\_%' order by rolname")).containsExactly(
                List.of("taskmon_projector", "true", "true", "false", "false"),
                List.of("taskmon_reader", "true", "true", "false", "false"));
    }

    @Test
    void shouldLetTheProjectorRoleRunTheProjectionItself() throws SQLException {
        var endpoint = new PostgresEndpoint(urlWithoutUser(), "taskmon_projector",
                PROJECTOR_PASSWORD);
        try (var dataSource = ConnectionPools.open(endpoint, "roles-projector", 1)) {
            var jdbi = ReadModelJdbi.create(dataSource);
            var run = Events.run("as-projector-role", null, io.taskmon.events.RunStatus.SUCCESS, "2026-11-06T01:00:00Z");
            var deadLetter = Events.deadLetter("taskmon.task-runs.v1", 0, 7, "not JSON", "{oops");
            int refused = new ReadModelWriter(jdbi, "roles-test", refusedRecords -> { }).write(java.util.List.of(
                    Events.record(io.taskmon.events.Topics.TASK_RUNS, 0, 0, run.monitorId(), run),
                    Events.deadLetterRecord(0, null, deadLetter)));
            assertThat(refused).isZero();
            new RunHistoryRetention(jdbi, RetentionSettings.DEFAULTS, java.time.Clock.systemUTC()).runOnce();
            new ReadModelRebuild(jdbi).reset();
        }
        assertThat(db.count("select count(*) from taskmon.projector_offsets")).isZero();
        // A rebuild keeps the dead letters: when each was replayed is in no topic.
        assertThat(db.count("select count(*) from taskmon.dead_letters where source_offset = 7")).isEqualTo(1);
    }

    private static Connection connect(String user, String password) throws SQLException {
        return DriverManager.getConnection(urlWithoutUser(), user, password);
    }

    /** The embedded server's URL names its superuser, which would win over the user given. */
    private static String urlWithoutUser() {
        return db.endpoint.jdbcUrl().replaceAll("([?&])user=[^&]*&?", "$1").replaceAll("[?&]$", "");
    }

    private static String currentUser(Statement sql) throws SQLException {
        try (var rows = sql.executeQuery("select current_user")) {
            rows.next();
            return rows.getString(1);
        }
    }
}
