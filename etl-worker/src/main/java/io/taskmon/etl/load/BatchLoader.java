package io.taskmon.etl.load;

import io.taskmon.etl.transform.CopyPayload;
import io.taskmon.etl.transform.PreparedBatch;
import io.taskmon.etl.transform.Rejection;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Commits one batch: the registrations and industries by COPY, the rejected rows, the batch's
 * record and the run's checkpoint, all in one transaction. Either all of it is there after a
 * crash or none of it, so a resumed run starts exactly after the last committed batch.
 *
 * <p>Plain JDBC rather than SqlObject interfaces: this runs once per batch, and SqlObject's
 * reflection on every call grew hot enough for the JIT compiler to spend more CPU on it than the
 * batch's own statements cost, on a machine where the load shares two cores with PostgreSQL.
 */
public final class BatchLoader {


    static final String COPY_REGISTRATIONS = """
            copy etl.business_registration (ban, headquarters_ban, business_name, business_address, capital_amount,
                                            setup_date, organization_type, uses_uniform_invoice, job_run_id, batch_number)
            from stdin (format binary)""";
    static final String COPY_INDUSTRIES =
            "copy etl.business_industry (ban, position, industry_code, industry_name) from stdin (format binary)";
    /** A COPY too: up to --max-rejections rows a batch, one statement each would cost more than the batch's COPY. */
    static final String COPY_REJECTIONS = """
            copy etl.import_errors (job_run_id, batch_number, line_number, error_type, message, raw_row)
            from stdin (format binary)""";
    static final String INSERT_BATCH = """
            insert into etl.job_batches (job_run_id, batch_number, rows_read, rows_loaded, rows_failed,
                                         rows_duplicated, rejections_overflow, duration_ms)
            values (?, ?, ?, ?, ?, ?, ?, ?)""";
    /**
     * Moves the checkpoint by exactly one batch. The condition on the previous checkpoint makes a
     * doubled commit of the same batch impossible: it updates nothing and the batch rolls back.
     */
    static final String ADVANCE_CHECKPOINT = """
            update etl.job_runs
               set last_committed_batch = ?,
                   rows_read = rows_read + ?, rows_loaded = rows_loaded + ?,
                   rows_failed = rows_failed + ?, rows_duplicated = rows_duplicated + ?,
                   updated_at = now()
             where id = ? and status = 'running' and last_committed_batch = ?""";

    private final RunConnections connections;

    public BatchLoader(RunConnections connections) {
        this.connections = connections;
    }

    /** Thrown when the checkpoint was not where this batch expects it: another writer, or a replay. */
    public static final class CheckpointConflictException extends IllegalStateException {
        CheckpointConflictException(String message) {
            super(message);
        }
    }

    /**
     * @param awaitTurn called after the copies, before the checkpoint moves: returns once the
     *                  batch before has committed, throws if it did not
     */
    public void commit(UUID jobRunId, PreparedBatch batch, long durationMsSoFar, Runnable awaitTurn)
            throws SQLException {
        connections.use(connection -> RunConnections.inTransaction(connection, transaction -> {
            copy(transaction, COPY_REGISTRATIONS, batch.registrations());
            if (batch.industries().rows() > 0) {
                copy(transaction, COPY_INDUSTRIES, batch.industries());
            }
            if (!batch.rejections().isEmpty()) {
                insertRejections(transaction, jobRunId, batch);
            }
            awaitTurn.run();
            insertBatch(transaction, jobRunId, batch, durationMsSoFar);
            advanceCheckpoint(transaction, jobRunId, batch);
        }));
    }

    private static void copy(Connection connection, String sql, CopyPayload payload) throws SQLException {
        CopyIn copyIn = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            copyIn.writeToCopy(payload.array(), 0, payload.size());
            copyIn.endCopy();
        } finally {
            if (copyIn.isActive()) {
                copyIn.cancelCopy();
            }
        }
    }

    private static void insertRejections(Connection connection, UUID jobRunId, PreparedBatch batch)
            throws SQLException {
        CopyPayload rows = new CopyPayload(batch.rejections().size() * 256);
        for (Rejection rejection : batch.rejections()) {
            rows.startRow(6);
            rows.uuid(jobRunId);
            rows.int8(batch.number());
            rows.int8(rejection.lineNumber());
            text(rows, rejection.type().name());
            text(rows, rejection.message());
            text(rows, rejection.rawRow());
        }
        rows.finish();
        copy(connection, COPY_REJECTIONS, rows);
    }

    private static void text(CopyPayload rows, String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        rows.text(utf8, 0, utf8.length, value.indexOf('\0') >= 0);
    }

    private static void insertBatch(Connection connection, UUID jobRunId, PreparedBatch batch, long durationMs)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_BATCH)) {
            insert.setObject(1, jobRunId);
            insert.setLong(2, batch.number());
            insert.setLong(3, batch.rowsRead());
            insert.setLong(4, batch.rowsLoaded());
            insert.setLong(5, batch.rowsFailed());
            insert.setLong(6, batch.rowsDuplicated());
            insert.setLong(7, batch.rejectionsOverflow());
            insert.setLong(8, durationMs);
            insert.executeUpdate();
        }
    }

    private static void advanceCheckpoint(Connection connection, UUID jobRunId, PreparedBatch batch)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(ADVANCE_CHECKPOINT)) {
            update.setLong(1, batch.number());
            update.setLong(2, batch.rowsRead());
            update.setLong(3, batch.rowsLoaded());
            update.setLong(4, batch.rowsFailed());
            update.setLong(5, batch.rowsDuplicated());
            update.setObject(6, jobRunId);
            update.setLong(7, batch.number() - 1);
            if (update.executeUpdate() != 1) {
                throw new CheckpointConflictException("job run " + jobRunId + " is not at batch "
                        + (batch.number() - 1) + " or no longer running; batch " + batch.number() + " not committed");
            }
        }
    }
}
