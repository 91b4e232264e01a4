package io.taskmon.etl.load;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * One run of a job at a time, across machines: a session-level PostgreSQL advisory lock held on
 * its own connection for the whole run. When the worker dies the server closes the session and
 * the lock goes with it, so a crash never leaves the job locked.
 */
public final class AdvisoryLock implements AutoCloseable {

    private final Connection connection;

    private AdvisoryLock(Connection connection) {
        this.connection = connection;
    }

    /** The lock key of a job: stable, derived from its name. */
    public static long keyOf(String jobName) {
        long hash = 1125899906842597L;
        for (char c : ("taskmon.etl." + jobName).toCharArray()) {
            hash = 31 * hash + c;
        }
        return hash;
    }

    /** Takes the lock, or returns empty at once when another session holds it. */
    public static Optional<AdvisoryLock> tryAcquire(Connection connection, String jobName)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            statement.setLong(1, keyOf(jobName));
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                if (result.getBoolean(1)) {
                    return Optional.of(new AdvisoryLock(connection));
                }
            }
        }
        connection.close();
        return Optional.empty();
    }

    /** Closing the session releases the lock. */
    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
