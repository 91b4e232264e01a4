package io.taskmon.etl.load;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings schema {@code etl} to the newest version. Flyway's history table lives in that schema,
 * so the etl-worker's migrations never mix with the projector's in schema {@code taskmon}.
 */
public final class EtlMigrations {

    public static final String SCHEMA = "etl";

    private EtlMigrations() {
    }

    public static MigrateResult migrate(DataSource dataSource) {
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .createSchemas(true)
                .locations("classpath:db/etl")
                .load()
                .migrate();
        handOverHistoryTable(dataSource);
        return result;
    }

    /**
     * The role {@code taskmon_etl} owns the whole schema, Flyway's history too, so a login holding
     * only that role can validate and apply later migrations. Done after the migration: while it
     * runs, Flyway holds a lock on the history table.
     */
    private static void handOverHistoryTable(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            try (ResultSet owner = statement.executeQuery("select tableowner = current_user from pg_tables"
                    + " where schemaname = 'etl' and tablename = 'flyway_schema_history'")) {
                if (!owner.next() || !owner.getBoolean(1)) {
                    return;
                }
            }
            statement.execute("alter table etl.flyway_schema_history owner to taskmon_etl");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot hand etl.flyway_schema_history to role taskmon_etl: " + e.getMessage(), e);
        }
    }
}
