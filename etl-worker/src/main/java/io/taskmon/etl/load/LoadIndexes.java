package io.taskmon.etl.load;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The data tables' indexes are dropped while a run loads and built again at its end. Keeping
 * them during the COPY means a random-order B-tree insert per row and per index: measured here,
 * that made the load five times slower than loading bare tables and sorting each index once at
 * the end. Duplicates cannot slip in meanwhile: the job drops them in memory before COPY, and the
 * primary keys built at the end would refuse any that did.
 *
 * <p>A run that dies leaves the indexes dropped; the next run (resume or full) builds them when
 * it ends. Both steps are idempotent.
 */
public final class LoadIndexes {

    /** The phases of {@code pg_stat_progress_create_index} before the table has been read. */
    private static final Set<String> SCANNING_PHASES = Set.of("initializing", "waiting for writers before build",
            "building index: scanning table");
    private static final long PROGRESS_POLL_MS = 20;
    static final long UNSEEN_BUILD_WAIT_MS = 2_000;

    private LoadIndexes() {
    }

    /** In the caller's transaction, which also empties or resumes the tables. */
    public static void dropForLoad(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("alter table etl.business_registration drop constraint if exists business_registration_pkey");
            statement.execute("alter table etl.business_industry drop constraint if exists business_industry_pkey");
        }
    }

    /**
     * Builds whatever index is missing, each in its own transaction on its own connection. The
     * industries' key (about twice the rows) goes first, with one parallel worker: the two scan
     * the table on both cores. The end of that build is one process alone (the leader merges the
     * sorted runs and writes the tree), so the registrations' key starts once the industries'
     * scan is over and takes the other core; staggered like this, the two builds finished sooner
     * than started together or built without parallel workers.
     */
    public static void rebuild(RunConnections connections) throws SQLException {
        CompletableFuture<Void> industries = CompletableFuture.runAsync(() -> {
            try {
                connections.use(connection -> build(connection, "etl.business_industry",
                        "business_industry_pkey", "ban, position", 1));
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        }, runnable -> {
            Thread thread = new Thread(runnable, "etl-index-build");
            thread.setDaemon(true);
            thread.start();
        });
        SQLException registrationsFailed = null;
        try {
            connections.use(connection -> {
                awaitScanned(connection, "etl.business_industry", industries);
                build(connection, "etl.business_registration", "business_registration_pkey", "ban", 0);
            });
        } catch (SQLException e) {
            registrationsFailed = e;
        }
        try {
            industries.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof SQLException cause) {
                throw cause;
            }
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        if (registrationsFailed != null) {
            throw registrationsFailed;
        }
    }

    /**
     * Returns when the build of {@code table}'s index has scanned the table, has ended, or has not
     * shown up in {@code pg_stat_progress_create_index} within {@link #UNSEEN_BUILD_WAIT_MS} (a
     * login that may not see the other session's progress then builds at once, as before).
     */
    static void awaitScanned(Connection connection, String table, CompletableFuture<?> build) throws SQLException {
        long start = System.nanoTime();
        boolean seen = false;
        try (PreparedStatement query = connection.prepareStatement(
                "select phase from pg_stat_progress_create_index where relid = ?::regclass")) {
            query.setString(1, table);
            while (!build.isDone()) {
                try (ResultSet progress = query.executeQuery()) {
                    if (progress.next()) {
                        seen = true;
                        if (!SCANNING_PHASES.contains(progress.getString(1))) {
                            return;
                        }
                    }
                }
                if (!seen && System.nanoTime() - start > UNSEEN_BUILD_WAIT_MS * 1_000_000) {
                    return;
                }
                try {
                    Thread.sleep(PROGRESS_POLL_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static void build(Connection connection, String table, String constraint, String columns,
                              int parallelWorkers) throws SQLException {
        if (constraintExists(connection, constraint)) {
            return;
        }
        RunConnections.inTransaction(connection, transaction -> {
            try (Statement statement = transaction.createStatement()) {
                // A sort in memory instead of on disk: the index builds are the end of a run's critical path.
                statement.execute("set local maintenance_work_mem = '256MB'");
                statement.execute("set local max_parallel_maintenance_workers = " + parallelWorkers);
                statement.execute("alter table " + table + " add constraint " + constraint + " primary key ("
                        + columns + ")");
            }
        });
    }

    private static boolean constraintExists(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select count(*) from pg_constraint"
                + " where conname = ? and connamespace = 'etl'::regnamespace")) {
            query.setString(1, name);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getInt(1) > 0;
            }
        }
    }
}
