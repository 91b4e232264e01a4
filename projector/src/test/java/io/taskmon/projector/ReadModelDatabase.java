package io.taskmon.projector;

import com.zaxxer.hikari.HikariDataSource;
import io.taskmon.config.PostgresEndpoint;
import io.taskmon.embedded.ConnectionPools;
import io.taskmon.embedded.SharedInfrastructure;
import io.taskmon.readmodel.ReadModelJdbi;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** A fresh database on the shared PostgreSQL with the real migrations applied. */
final class ReadModelDatabase implements AutoCloseable {

    final PostgresEndpoint endpoint;
    final HikariDataSource dataSource;
    final Jdbi jdbi;

    ReadModelDatabase(String name) {
        this(name, new RolePasswords(null, null));
    }

    ReadModelDatabase(String name, RolePasswords passwords) {
        endpoint = SharedInfrastructure.freshDatabase(name);
        dataSource = ConnectionPools.open(endpoint, name, 4);
        ReadModelMigrations.migrate(dataSource, passwords);
        jdbi = ReadModelJdbi.create(dataSource);
    }

    long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    String text(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(String.class).one());
    }

    /** Every row as its columns' text, in the query's order. */
    List<List<String>> rows(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).map((rs, ctx) -> {
            List<String> row = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                Object value = rs.getObject(i);
                row.add(value instanceof java.sql.Timestamp ts ? ts.toInstant().toString() : String.valueOf(value));
            }
            return row;
        }).list());
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
