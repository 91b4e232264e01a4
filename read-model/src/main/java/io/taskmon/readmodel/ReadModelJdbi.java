package io.taskmon.readmodel;

import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** The one Jdbi setup of the read model: SqlObject DAOs, PostgreSQL types (uuid, timestamptz). */
public final class ReadModelJdbi {

    private ReadModelJdbi() {
    }

    public static Jdbi create(DataSource dataSource) {
        return Jdbi.create(dataSource)
                .installPlugin(new SqlObjectPlugin())
                .installPlugin(new PostgresPlugin());
    }
}
