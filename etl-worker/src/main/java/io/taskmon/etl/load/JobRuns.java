package io.taskmon.etl.load;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code etl.job_runs}: one row per run, holding its checkpoint (which {@link BatchLoader}
 * moves). Plain JDBC on the run's bookkeeping connection rather than a SqlObject interface:
 * these statements run at every run's start, and loading and wiring the SqlObject machinery for
 * them took a fifth of a second there, the longest step before the first batch.
 */
public final class JobRuns {

    static final String INSERT = """
            insert into etl.job_runs (id, job_name, mode, source, status, chunk_size, row_limit, resumed_from,
                                      resumed_after_batch, last_committed_batch, machine_name)
            values (?, ?, ?, ?, 'running', ?, ?, ?, ?, ?, ?)""";
    static final String LATEST = "select * from etl.job_runs where job_name = ? order by started_at desc, id limit 1";
    /**
     * Runs still marked running while we hold the job's lock died without finishing (a crash,
     * a kill -9): say so, so that nobody reads them as alive.
     */
    static final String MARK_ABANDONED = """
            update etl.job_runs set status = 'failed', finished_at = now(), updated_at = now(),
                   error_message = 'the worker stopped without finishing (crashed or killed) after batch '
                                   || last_committed_batch
            where job_name = ? and status = 'running'""";
    /**
     * Source rows committed by a run and the runs it resumed, through their whole chain: where a
     * resume of it starts reading. Each run's rows_read moves with its checkpoint, batch by batch.
     */
    static final String ROWS_READ_THROUGH = """
            with recursive chain (id, resumed_from, rows_read) as (
                select id, resumed_from, rows_read from etl.job_runs where id = ?
                union all
                select run.id, run.resumed_from, run.rows_read
                  from etl.job_runs run join chain on run.id = chain.resumed_from
            )
            select coalesce(sum(rows_read), 0) from chain""";
    static final String FINISH = """
            update etl.job_runs set status = ?, error_message = ?, total_bytes = coalesce(?, total_bytes),
                   finished_at = now(), updated_at = now()
             where id = ? and status = 'running'""";

    private final Connection connection;

    public JobRuns(Connection connection) {
        this.connection = connection;
    }

    /** Records a new run as running, its checkpoint where the resumed run left off (or 0). */
    public void insert(UUID id, String jobName, String mode, String source, int chunkSize, Long rowLimit,
                       UUID resumedFrom, long resumedAfterBatch, String machineName) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setObject(1, id);
            insert.setString(2, jobName);
            insert.setString(3, mode);
            insert.setString(4, source);
            insert.setInt(5, chunkSize);
            insert.setObject(6, rowLimit, Types.BIGINT);
            insert.setObject(7, resumedFrom, Types.OTHER);
            insert.setLong(8, resumedAfterBatch);
            insert.setLong(9, resumedAfterBatch);
            insert.setString(10, machineName);
            insert.executeUpdate();
        }
    }

    /** The newest run of the job: the one a resume would continue. */
    public Optional<JobRunRow> latest(String jobName) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(LATEST)) {
            query.setString(1, jobName);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(toRow(row)) : Optional.empty();
            }
        }
    }

    /** Marks the job's runs still recorded as running failed; how many there were. */
    public int markAbandoned(String jobName) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(MARK_ABANDONED)) {
            update.setString(1, jobName);
            return update.executeUpdate();
        }
    }

    /** The source rows committed by the run and by the runs it resumed: a resume of it skips them. */
    public long rowsReadThrough(UUID id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(ROWS_READ_THROUGH)) {
            query.setObject(1, id);
            try (ResultSet total = query.executeQuery()) {
                total.next();
                return total.getLong(1);
            }
        }
    }

    /** Ends a running run; 0 when it was not running any more. */
    public int finish(UUID id, String status, String errorMessage, Long totalBytes) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(FINISH)) {
            update.setString(1, status);
            update.setString(2, errorMessage);
            update.setObject(3, totalBytes, Types.BIGINT);
            update.setObject(4, id);
            return update.executeUpdate();
        }
    }

    private static JobRunRow toRow(ResultSet row) throws SQLException {
        return new JobRunRow(row.getObject("id", UUID.class), row.getString("job_name"), row.getString("mode"),
                row.getString("source"), row.getString("status"), row.getInt("chunk_size"),
                row.getObject("row_limit", Long.class), row.getObject("resumed_from", UUID.class),
                row.getLong("resumed_after_batch"), row.getLong("last_committed_batch"), row.getLong("rows_read"),
                row.getLong("rows_loaded"), row.getLong("rows_failed"), row.getLong("rows_duplicated"),
                row.getObject("total_bytes", Long.class), row.getString("machine_name"),
                row.getString("error_message"), instant(row.getTimestamp("started_at")),
                instant(row.getTimestamp("finished_at")));
    }

    private static java.time.Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
