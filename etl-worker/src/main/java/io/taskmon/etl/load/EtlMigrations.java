package io.taskmon.etl.load;

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
        return Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .createSchemas(true)
                .locations("classpath:db/etl")
                .load()
                .migrate();
    }
}
