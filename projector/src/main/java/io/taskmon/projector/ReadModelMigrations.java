package io.taskmon.projector;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Brings schema {@code taskmon} to the newest version of the read model. */
public final class ReadModelMigrations {

    public static final String SCHEMA = "taskmon";

    private ReadModelMigrations() {
    }

    public static MigrateResult migrate(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .createSchemas(true)
                .locations("classpath:db/taskmon")
                .load()
                .migrate();
    }
}
