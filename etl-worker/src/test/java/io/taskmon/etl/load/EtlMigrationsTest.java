package io.taskmon.etl.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskmon.config.PostgresEndpoint;
import io.taskmon.embedded.SharedInfrastructure;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** Flyway starts only when schema {@code etl} is behind, and every load still finds it current. */
class EtlMigrationsTest {

    private static final Pattern VERSION = Pattern.compile("V(\\d+)__.*\\.sql");

    @Test
    void migratesAFreshDatabaseThenSkipsFlywayWhileTheSchemaIsCurrent() throws Exception {
        try (RunConnections connections = new RunConnections(SharedInfrastructure.freshDatabase("etl_migrations"))) {
            Connection connection = connections.take();
            assertThat(EtlMigrations.isCurrent(connection)).as("no schema yet").isFalse();

            assertThat(EtlMigrations.migrate(connection, connections.dataSource())).as("Flyway ran").isTrue();
            assertThat(EtlMigrations.isCurrent(connection)).isTrue();
            assertThat(tableOwner(connection)).as("handed over after Flyway").isEqualTo("taskmon_etl");
            assertThat(EtlMigrations.migrate(connection, connections.dataSource())).as("Flyway skipped").isFalse();
            assertThat(count(connection, "select count(*) from etl.flyway_schema_history where success")).isPositive();

            // A failed migration in the history is Flyway's to report (it refuses to go on), not ours to pass over.
            execute(connection, "update etl.flyway_schema_history set success = false where version = '"
                    + EtlMigrations.LATEST_VERSION + "'");
            assertThat(EtlMigrations.isCurrent(connection)).isFalse();
            execute(connection, "update etl.flyway_schema_history set success = true");

            // A schema behind the newest migration is migrated.
            execute(connection, "update etl.flyway_schema_history set version = '0' where version = '"
                    + EtlMigrations.LATEST_VERSION + "'");
            assertThat(EtlMigrations.isCurrent(connection)).isFalse();
        }
    }

    @Test
    void aLoginWithOnlyTheEtlRoleMigratesARunStoredAsSucceededToSuccess() throws Exception {
        PostgresEndpoint admin = SharedInfrastructure.freshDatabase("etl_migrations_success");
        String login = "etl_migrator_" + UUID.randomUUID().toString().substring(0, 8);
        try (RunConnections connections = new RunConnections(admin)) {
            Flyway.configure().dataSource(connections.dataSource()).schemas(EtlMigrations.SCHEMA).createSchemas(true)
                    .locations("classpath:db/etl").target("1").load().migrate();
            Connection connection = connections.take();
            execute(connection, "alter table etl.flyway_schema_history owner to taskmon_etl");
            execute(connection, """
                    insert into etl.job_runs (id, job_name, mode, source, status, chunk_size) values
                      ('00000000-0000-0000-0000-0000000000b1', 'tax-registration', 'full', 'old.csv', 'succeeded', 1000),
                      ('00000000-0000-0000-0000-0000000000b2', 'tax-registration', 'full', 'old.csv', 'failed', 1000)""");
            execute(connection, "create role " + login + " login password 'secret' in role taskmon_etl");
        }

        // The embedded server's URL names the superuser in its query, which would win over the login.
        PostgresEndpoint worker = new PostgresEndpoint(admin.jdbcUrl().replaceAll("\\?.*$", ""), login, "secret");
        try (RunConnections connections = new RunConnections(worker)) {
            Connection connection = connections.take();
            assertThat(text(connection, "select current_user")).isEqualTo(login);
            assertThat(EtlMigrations.isCurrent(connection)).as("still at version 1").isFalse();

            assertThat(EtlMigrations.migrate(connection, connections.dataSource())).as("Flyway ran").isTrue();

            assertThat(EtlMigrations.isCurrent(connection)).isTrue();
            assertThat(text(connection, "select string_agg(status, ',' order by id) from etl.job_runs"))
                    .isEqualTo("success,failed");
            assertThat(text(connection, "select col_description('etl.job_runs'::regclass, attnum) from pg_attribute"
                    + " where attrelid = 'etl.job_runs'::regclass and attname = 'status'"))
                    .isEqualTo("running | success | failed");
            assertThat(text(connection, "select tableowner from pg_tables where schemaname = 'etl'"
                    + " and tablename = 'job_runs'")).isEqualTo("taskmon_etl");
        }
    }

    @Test
    void latestVersionIsTheNewestMigrationFile() throws IOException, URISyntaxException {
        Path folder = Path.of(EtlMigrations.class.getResource("/db/etl").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            String newest = files.map(f -> VERSION.matcher(f.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(m -> m.group(1))
                    .max(Comparator.comparingInt(Integer::parseInt))
                    .orElseThrow();
            assertThat(EtlMigrations.LATEST_VERSION).isEqualTo(newest);
        }
    }

    private static long count(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static String text(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    private static String tableOwner(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(
                "select tableowner from pg_tables where schemaname = 'etl' and tablename = 'flyway_schema_history'")) {
            result.next();
            return result.getString(1);
        }
    }

    private static void execute(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
