package io.taskmon.dashboard;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.taskmon.readmodel.ReadModelJdbi;
import org.jdbi.v3.core.Jdbi;

/**
 * The dashboard's connection pool to the read model. In production it logs in as the
 * read-only role {@code taskmon_reader}; whatever the login, every connection is read-only
 * ({@code readOnlyMode=always} makes PgJDBC open each statement read-only even in autocommit),
 * so no bug here can write to the projector's tables.
 */
public final class ReaderDatabase implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    public ReaderDatabase(DashboardSettings.Database settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("taskmon-dashboard");
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setReadOnly(true);
        config.addDataSourceProperty("readOnlyMode", "always");
        // Requests wait at most this long for a connection; the page polls again anyway.
        config.setConnectionTimeout(5_000);
        // A wrong URL or password stops the start instead of failing the first page.
        config.setInitializationFailTimeout(10_000);
        this.dataSource = new HikariDataSource(config);
        this.jdbi = ReadModelJdbi.create(dataSource);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
