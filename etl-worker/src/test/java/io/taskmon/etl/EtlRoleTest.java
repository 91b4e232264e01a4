package io.taskmon.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The worker runs as a login holding only {@code taskmon_etl}: enough for its schema, nothing else. */
class EtlRoleTest {

    @Test
    void aLoginWithOnlyTheEtlRoleLoadsAndResumesButCannotTouchAnythingElse() throws Exception {
        try (EtlHarness harness = new EtlHarness("etl_role")) {
            // The first migration needs a superuser (it creates the role); later runs do not.
            assertThat(harness.etl("load", "--source", harness.generate("first.csv", 100, 1, 0.0).toString(), "--yes")
                    .exitCode()).isZero();
            String login = "etl_login_" + UUID.randomUUID().toString().substring(0, 8);
            try (Connection admin = harness.dataSource.getConnection(); Statement s = admin.createStatement()) {
                s.execute("create role " + login + " login password 'secret' in role taskmon_etl");
                s.execute("create table public.someone_elses (id int)");
            }
            // The embedded server's URL names the superuser in its query, which would win over PG_USER.
            String url = harness.postgres.jdbcUrl().replaceAll("\\?.*$", "");
            Map<String, String> env = harness.env();
            env.put("PG_URL", url);
            env.put("PG_USER", login);
            env.put("PG_PASSWORD", "secret");

            EtlHarness.Run run = harness.etl(env, "", "load", "--source",
                    harness.generate("second.csv", 3_000, 2, 0.05).toString(), "--yes", "--chunk-size", "1000");

            assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
            assertThat(harness.count("select count(*) from etl.job_runs where status = 'success'")).isEqualTo(2);
            assertThat(harness.text("select tableowner from pg_tables where schemaname = 'etl'"
                    + " and tablename = 'business_registration'")).isEqualTo("taskmon_etl");
            try (Connection worker = DriverManager.getConnection(url, login, "secret");
                 Statement s = worker.createStatement()) {
                assertThatThrownBy(() -> s.execute("select * from public.someone_elses"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
                assertThatThrownBy(() -> s.execute("create table public.mine (id int)"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
                assertThatThrownBy(() -> s.execute("create schema elsewhere"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            }
        }
    }
}
