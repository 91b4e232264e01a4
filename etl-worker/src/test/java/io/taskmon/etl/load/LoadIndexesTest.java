package io.taskmon.etl.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskmon.embedded.SharedInfrastructure;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The primary keys dropped for a load come back at its end, and refuse what a key must refuse. */
class LoadIndexesTest {

    private static final String FILL = """
            insert into etl.business_registration (ban, business_name, job_run_id, batch_number)
            select lpad(n::text, 8, '0'), 'business ' || n, gen_random_uuid(), 1 from generate_series(1, 20000) n;
            insert into etl.business_industry (ban, position, industry_code)
            select lpad(n::text, 8, '0'), p, 'C' || p from generate_series(1, 20000) n, generate_series(1, 2) p;
            """;

    private RunConnections connections;
    private Connection connection;

    @BeforeEach
    void migrate() throws SQLException {
        connections = new RunConnections(SharedInfrastructure.freshDatabase("etl_indexes"));
        connection = connections.open();
        EtlMigrations.migrate(connection, connections.dataSource());
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
        connections.close();
    }

    @Test
    void rebuildBringsBackBothPrimaryKeysAndDoesNothingWhenTheyExist() throws SQLException {
        LoadIndexes.dropForLoad(connection);
        assertThat(primaryKeys()).isZero();
        execute(FILL);

        LoadIndexes.rebuild(connections);

        assertThat(primaryKeys()).isEqualTo(2);
        assertThat(count("select count(*) from etl.business_industry")).isEqualTo(40_000);
        LoadIndexes.rebuild(connections);
        assertThat(primaryKeys()).isEqualTo(2);
    }

    @Test
    void rebuildRefusesDuplicatesThatReachedTheTablesWithoutTheirKeys() throws SQLException {
        LoadIndexes.dropForLoad(connection);
        execute(FILL);
        execute("insert into etl.business_industry (ban, position, industry_code) values ('00000007', 1, 'again')");

        assertThatThrownBy(() -> LoadIndexes.rebuild(connections))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("business_industry_pkey");

        assertThat(primaryKeys()).as("the registrations' key is built all the same").isEqualTo(1);
        execute("delete from etl.business_industry where industry_code = 'again'");
        LoadIndexes.rebuild(connections);
        assertThat(primaryKeys()).isEqualTo(2);
    }

    @Test
    void waitingForAnotherBuildsScanEndsWhenThatBuildEnds() throws SQLException {
        long start = System.nanoTime();
        LoadIndexes.awaitScanned(connection, "etl.business_industry", CompletableFuture.completedFuture(null));
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(LoadIndexes.UNSEEN_BUILD_WAIT_MS);
    }

    @Test
    void waitingForABuildThatNeverShowsUpGivesUpSoIndexesAreStillBuilt() throws SQLException {
        long start = System.nanoTime();
        LoadIndexes.awaitScanned(connection, "etl.business_industry", new CompletableFuture<>());
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(LoadIndexes.UNSEEN_BUILD_WAIT_MS);
    }

    private int primaryKeys() throws SQLException {
        return (int) count("select count(*) from pg_constraint where contype = 'p' and conrelid in"
                + " ('etl.business_registration'::regclass, 'etl.business_industry'::regclass)");
    }

    private long count(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
