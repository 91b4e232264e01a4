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
 *
 * <p>Every run starts here, and on a schema that is already current Flyway's start (loading its
 * classes, scanning the class path, validating) was about a tenth of a full 1.6 million row
 * load. So one query first: when the history's newest successful migration is
 * {@link #LATEST_VERSION} and none failed, Flyway is not started.
 */
public final class EtlMigrations {

    public static final String SCHEMA = "etl";
    /** The newest migration under {@code db/etl}; a test keeps it equal to the files. */
    static final String LATEST_VERSION = "2";

    private EtlMigrations() {
    }

    /**
     * Migrates when the schema is behind; true when Flyway ran.
     *
     * @param connection checks the schema's version and hands Flyway's table over
     * @param flyway     where Flyway, when it runs, opens its own connections
     */
    public static boolean migrate(Connection connection, DataSource flyway) {
        if (isCurrent(connection)) {
            return false;
        }
        MigrateResult result = Flyway.configure()
                .dataSource(flyway)
                .schemas(SCHEMA)
                .createSchemas(true)
                .locations("classpath:db/etl")
                .load()
                .migrate();
        handOverHistoryTable(connection);
        return result.success;
    }

    static boolean isCurrent(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery("select to_regclass('etl.flyway_schema_history') is not null")) {
                exists.next();
                if (!exists.getBoolean(1)) {
                    return false;
                }
            }
            try (ResultSet history = statement.executeQuery("select bool_and(success),"
                    + " (array_agg(version order by installed_rank desc) filter (where success and version is not null))[1]"
                    + " from etl.flyway_schema_history")) {
                history.next();
                return history.getBoolean(1) && LATEST_VERSION.equals(history.getString(2));
            }
        } catch (SQLException e) {
            // Flyway will say what is wrong, with its own message.
            return false;
        }
    }

    /**
     * The role {@code taskmon_etl} owns the whole schema, Flyway's history too, so a login holding
     * only that role can validate and apply later migrations. Done after the migration: while it
     * runs, Flyway holds a lock on the history table.
     */
    private static void handOverHistoryTable(Connection connection) {
        try (Statement statement = connection.createStatement()) {
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
