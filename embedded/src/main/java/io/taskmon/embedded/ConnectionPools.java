package io.taskmon.embedded;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.taskmon.config.PostgresEndpoint;

/**
 * Connection pools onto a {@link PostgresEndpoint}. Apart from the endpoint because the
 * endpoint lives in the dependency-free config module and a pool needs HikariCP.
 */
public final class ConnectionPools {

    private ConnectionPools() {
    }

    /** A small pool; the caller closes it. */
    public static HikariDataSource open(PostgresEndpoint endpoint, String poolName, int maxConnections) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setJdbcUrl(endpoint.jdbcUrl());
        config.setUsername(endpoint.user());
        config.setPassword(endpoint.password());
        config.setMaximumPoolSize(maxConnections);
        // Fail fast on a wrong URL at start instead of on the first query.
        config.setInitializationFailTimeout(10_000);
        return new HikariDataSource(config);
    }
}
