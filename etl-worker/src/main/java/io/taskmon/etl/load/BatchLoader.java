package io.taskmon.etl.load;

import io.taskmon.etl.transform.PreparedBatch;
import io.taskmon.etl.transform.Rejection;
import java.sql.SQLException;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Commits one batch: the registrations and industries by COPY, the rejected rows, the batch's
 * record and the run's checkpoint, all in one transaction. Either all of it is there after a
 * crash or none of it, so a resumed run starts exactly after the last committed batch.
 */
public final class BatchLoader {

    static final String COPY_REGISTRATIONS = """
            copy etl.business_registration (ban, headquarters_ban, business_name, business_address, capital_amount,
                                            setup_date, organization_type, uses_uniform_invoice, job_run_id, batch_number)
            from stdin""";
    static final String COPY_INDUSTRIES =
            "copy etl.business_industry (ban, position, industry_code, industry_name) from stdin";

    private final Jdbi jdbi;

    public BatchLoader(Jdbi jdbi) {
        this.jdbi = jdbi;
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
        jdbi.<SQLException>useTransaction(handle -> {
            copy(handle, COPY_REGISTRATIONS, batch.registrations().array(), batch.registrations().size());
            if (batch.industries().size() > 0) {
                copy(handle, COPY_INDUSTRIES, batch.industries().array(), batch.industries().size());
            }
            if (!batch.rejections().isEmpty()) {
                handle.attach(ImportErrorDao.class).insertAll(jobRunId, batch.number(),
                        batch.rejections().stream().map(Rejection::lineNumber).toList(),
                        batch.rejections().stream().map(r -> r.type().name()).toList(),
                        batch.rejections().stream().map(r -> withoutNul(r.message())).toList(),
                        batch.rejections().stream().map(r -> withoutNul(r.rawRow())).toList());
            }
            awaitTurn.run();
            handle.attach(JobBatchDao.class).insert(jobRunId, batch.number(), batch.rowsRead(), batch.rowsLoaded(),
                    batch.rowsFailed(), batch.rowsDuplicated(), batch.rejectionsOverflow(), durationMsSoFar);
            int moved = handle.attach(JobRunDao.class).advanceCheckpoint(jobRunId, batch.number(), batch.rowsRead(),
                    batch.rowsLoaded(), batch.rowsFailed(), batch.rowsDuplicated());
            if (moved != 1) {
                throw new CheckpointConflictException("job run " + jobRunId + " is not at batch "
                        + (batch.number() - 1) + " or no longer running; batch " + batch.number() + " not committed");
            }
        });
    }

    private static void copy(Handle handle, String sql, byte[] payload, int length) throws SQLException {
        CopyManager copyManager = handle.getConnection().unwrap(PGConnection.class).getCopyAPI();
        CopyIn copyIn = copyManager.copyIn(sql);
        try {
            copyIn.writeToCopy(payload, 0, length);
            copyIn.endCopy();
        } finally {
            if (copyIn.isActive()) {
                copyIn.cancelCopy();
            }
        }
    }

    private static String withoutNul(String text) {
        return text.indexOf('\0') < 0 ? text : text.replace("\0", "");
    }
}
