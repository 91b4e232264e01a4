package io.taskmon.projector;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.postgresql.core.Utils;

/**
 * Brings schema {@code taskmon} to the newest version of the read model, then gives the roles
 * the migrations create ({@code taskmon_projector}, {@code taskmon_reader}) their configured
 * passwords. Run it as the schema's owner (a user allowed to create roles, such as the
 * database's superuser); the services then log in as the roles.
 */
public final class ReadModelMigrations {

    public static final String SCHEMA = "taskmon";

    private ReadModelMigrations() {
    }

    public static MigrateResult migrate(DataSource dataSource) {
        return migrate(dataSource, new RolePasswords(null, null));
    }

    public static MigrateResult migrate(DataSource dataSource, RolePasswords passwords) {
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .createSchemas(true)
                .locations("classpath:db/taskmon")
                .load()
                .migrate();
        applyPasswords(dataSource, passwords);
        return result;
    }

    /**
     * Passwords change without a schema change, so they are set on every start rather than in a
     * versioned migration. ALTER ROLE takes no bind parameters; the literal is escaped by the
     * driver's own quoting.
     */
    private static void applyPasswords(DataSource dataSource, RolePasswords passwords) {
        if (passwords.projector() == null && passwords.reader() == null) {
            return;
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            if (passwords.projector() != null) {
                statement.execute("alter role " + RolePasswords.PROJECTOR_ROLE + " login password "
                        + literal(passwords.projector()));
            }
            if (passwords.reader() != null) {
                statement.execute("alter role " + RolePasswords.READER_ROLE + " login password "
                        + literal(passwords.reader()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set the passwords of the taskmon database roles (the migration"
                    + " user needs CREATEROLE): " + e.getMessage(), e);
        }
    }

    /** standard_conforming_strings is on in every supported PostgreSQL: only quotes are doubled. */
    private static String literal(String value) throws SQLException {
        return "'" + Utils.escapeLiteral(null, value, true) + "'";
    }
}
