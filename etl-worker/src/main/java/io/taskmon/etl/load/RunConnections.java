package io.taskmon.etl.load;

import io.taskmon.config.PostgresEndpoint;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A run's connections to PostgreSQL: each opened when first needed and kept for the run, one
 * thread using it at a time. A run needs at most a handful (its bookkeeping, two batch commits
 * in flight, two index builds after them), all for the same few seconds to minutes.
 *
 * <p>Not a connection pool on purpose: a pool's start (its classes, its housekeeping, filling
 * itself) was a third of a second of every run's start here, more than all its connections
 * cost to open. A run does not outlive a broken connection anyway: the batch on it fails the
 * run, and the connection is {@linkplain #discard discarded} instead of handed back.
 */
public final class RunConnections implements AutoCloseable {

    private final PostgresEndpoint endpoint;
    private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();
    private final List<Connection> opened = new ArrayList<>();

    public RunConnections(PostgresEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** Work on one connection. */
    public interface Work {
        void run(Connection connection) throws SQLException;
    }

    /**
     * Runs the work on a connection of the run and hands the connection back; one the work failed
     * on is closed instead, as its state is unknown.
     */
    public void use(Work work) throws SQLException {
        Connection connection = take();
        try {
            work.run(connection);
        } catch (SQLException | RuntimeException e) {
            discard(connection);
            throw e;
        }
        give(connection);
    }

    /**
     * Runs the work in one transaction: committed when it returns, rolled back when it throws.
     * Either way the connection is back in auto-commit mode after it.
     */
    public static void inTransaction(Connection connection, Work work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            work.run(connection);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
                connection.setAutoCommit(true);
            } catch (SQLException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        connection.setAutoCommit(true);
    }

    /** An idle connection of the run, or a new one; in auto-commit mode. Give it back when done. */
    public Connection take() throws SQLException {
        Connection connection = idle.poll();
        if (connection != null) {
            return connection;
        }
        connection = open();
        synchronized (opened) {
            opened.add(connection);
        }
        return connection;
    }

    /** A connection of its own, outside the run's set: the caller closes it. */
    public Connection open() throws SQLException {
        return DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.user(), endpoint.password());
    }

    /** Hands a connection back for the next {@link #take}, in auto-commit mode. */
    public void give(Connection connection) {
        idle.add(connection);
    }

    /** Closes a connection that failed, so that nobody takes it again. */
    public void discard(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Already broken: closing it is all that was left to do.
        }
    }

    /**
     * For Flyway, which opens its own connections: one new connection per request, on the
     * run's server and login. Flyway runs only when the schema is behind (see EtlMigrations).
     */
    public DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(endpoint.jdbcUrl());
        dataSource.setUser(endpoint.user());
        dataSource.setPassword(endpoint.password());
        return dataSource;
    }

    @Override
    public void close() {
        idle.clear();
        synchronized (opened) {
            opened.forEach(this::discard);
            opened.clear();
        }
    }
}
