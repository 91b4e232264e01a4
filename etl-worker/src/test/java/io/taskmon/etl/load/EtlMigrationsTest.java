package io.taskmon.etl.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskmon.embedded.SharedInfrastructure;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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
