package io.taskmon.etl.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
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
        try (HikariDataSource dataSource = SharedInfrastructure.freshDatabase("etl_migrations").dataSource("migrations", 2)) {
            assertThat(EtlMigrations.isCurrent(dataSource)).as("no schema yet").isFalse();

            assertThat(EtlMigrations.migrate(dataSource)).as("Flyway ran").isTrue();
            assertThat(EtlMigrations.isCurrent(dataSource)).isTrue();
            assertThat(EtlMigrations.migrate(dataSource)).as("Flyway skipped").isFalse();
            assertThat(count(dataSource, "select count(*) from etl.flyway_schema_history where success")).isPositive();

            // A failed migration in the history is Flyway's to report (it refuses to go on), not ours to pass over.
            execute(dataSource, "update etl.flyway_schema_history set success = false where version = '"
                    + EtlMigrations.LATEST_VERSION + "'");
            assertThat(EtlMigrations.isCurrent(dataSource)).isFalse();
            execute(dataSource, "update etl.flyway_schema_history set success = true");

            // A schema behind the newest migration is migrated.
            execute(dataSource, "update etl.flyway_schema_history set version = '0' where version = '"
                    + EtlMigrations.LATEST_VERSION + "'");
            assertThat(EtlMigrations.isCurrent(dataSource)).isFalse();
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

    private static long count(HikariDataSource dataSource, String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(HikariDataSource dataSource, String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
