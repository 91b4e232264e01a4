package io.taskmon.projector;

import com.zaxxer.hikari.HikariDataSource;
import io.taskmon.embedded.SharedInfrastructure;
import org.jdbi.v3.core.Jdbi;

/** A fresh database on the shared PostgreSQL with the real migrations applied. */
final class ReadModelDatabase implements AutoCloseable {

    final HikariDataSource dataSource;
    final Jdbi jdbi;

    ReadModelDatabase(String name) {
        dataSource = SharedInfrastructure.freshDatabase(name).dataSource(name, 4);
        ReadModelMigrations.migrate(dataSource);
        jdbi = ReadModelJdbi.create(dataSource);
    }

    long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
