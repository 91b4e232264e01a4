package io.taskmon.etl;

import io.taskmon.config.PostgresEndpoint;
import io.taskmon.etl.cli.LoadOptions;
import io.taskmon.etl.cli.LoadOptions.Mode;
import io.taskmon.etl.cli.UsageException;
import io.taskmon.etl.load.AdvisoryLock;
import io.taskmon.etl.load.EtlMigrations;
import io.taskmon.etl.load.JobRunRow;
import io.taskmon.etl.load.JobRuns;
import io.taskmon.etl.load.LoadIndexes;
import io.taskmon.etl.load.RunConnections;
import io.taskmon.etl.progress.JsonLog;
import io.taskmon.etl.transform.SeenBans;
import io.taskmon.events.EtlJobState;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;

/**
 * Everything before a run that writes loads its first batch: the connection, the migrations,
 * the job's lock, the plan (a full reload after its confirmation, or a resume), the run's record,
 * the source opened and the tables made ready. The lock is held while the {@link BatchLoop} runs.
 */
final class RunStart {

    private final LoadOptions options;
    private final PostgresEndpoint postgres;
    private final JsonLog log;
    private final TaxRegistrationJob.Console console;
    private final String machineName;

    RunStart(LoadOptions options, PostgresEndpoint postgres, JsonLog log, TaxRegistrationJob.Console console,
             String machineName) {
        this.options = options;
        this.postgres = postgres;
        this.log = log;
        this.console = console;
        this.machineName = machineName;
    }

    TaxRegistrationJob.Outcome run(BatchLoop loop) {
        try (RunConnections connections = new RunConnections(postgres)) {
            Connection bookkeeping;
            try {
                bookkeeping = connections.take();
            } catch (SQLException e) {
                return new TaxRegistrationJob.Outcome(ExitCode.JOB_FAILED, null, "cannot connect to PostgreSQL at "
                        + postgres.jdbcUrl() + ": " + TaxRegistrationJob.rootMessage(e));
            }
            try {
                EtlMigrations.migrate(bookkeeping, connections.dataSource());
                JobRuns runs = new JobRuns(bookkeeping);
                Optional<AdvisoryLock> lock = AdvisoryLock.tryAcquire(connections.open(), TaxRegistrationJob.JOB_NAME);
                if (lock.isEmpty()) {
                    return locked(runs);
                }
                try (AdvisoryLock held = lock.get()) {
                    return runLocked(loop, connections, bookkeeping, runs);
                }
            } catch (SQLException | RuntimeException e) {
                if (e instanceof UsageException usage) {
                    throw usage;
                }
                return new TaxRegistrationJob.Outcome(ExitCode.JOB_FAILED, null,
                        "PostgreSQL at " + postgres.jdbcUrl() + ": " + TaxRegistrationJob.rootMessage(e));
            }
        }
    }

    private TaxRegistrationJob.Outcome locked(JobRuns runs) throws SQLException {
        String holder = runs.latest(TaxRegistrationJob.JOB_NAME)
                .filter(r -> r.status().equals(JobRunRow.RUNNING))
                .map(r -> " (job run " + r.id() + ", started " + r.startedAt() + ")").orElse("");
        String message = "another " + TaxRegistrationJob.JOB_NAME + " run holds the lock" + holder
                + "; only one runs at a time, try again when it has finished";
        log.warn("job_locked", message);
        return new TaxRegistrationJob.Outcome(ExitCode.LOCKED, null, message);
    }

    private TaxRegistrationJob.Outcome runLocked(BatchLoop loop, RunConnections connections, Connection bookkeeping,
                                                 JobRuns runs) throws SQLException {
        int abandoned = runs.markAbandoned(TaxRegistrationJob.JOB_NAME);
        if (abandoned > 0) {
            log.warn("runs_abandoned", abandoned + " run(s) marked running had stopped without finishing; marked failed");
        }
        RunPlan plan;
        if (options.mode() == Mode.RESUME) {
            Optional<JobRunRow> last = runs.latest(TaxRegistrationJob.JOB_NAME);
            if (last.isEmpty()) {
                return new TaxRegistrationJob.Outcome(ExitCode.NOTHING_TO_RESUME, null,
                        "nothing to resume: no " + TaxRegistrationJob.JOB_NAME + " run yet");
            }
            JobRunRow run = last.get();
            if (run.status().equals(JobRunRow.SUCCESS)) {
                return new TaxRegistrationJob.Outcome(ExitCode.NOTHING_TO_RESUME, null, "nothing to resume: the last run "
                        + run.id() + " succeeded (" + run.lastCommittedBatch() + " batches)");
            }
            plan = RunPlan.resuming(options, run, runs.rowsReadThrough(run.id()));
        } else {
            if (!options.yes() && !confirmFullReload(countRegistrations(bookkeeping))) {
                return new TaxRegistrationJob.Outcome(ExitCode.DECLINED, null,
                        "full reload not confirmed; nothing was changed");
            }
            plan = RunPlan.fromStart(options);
        }
        UUID id = UUID.randomUUID();
        log.jobRunId(id);
        SeenBans seen = new SeenBans();
        SourceOpening opening;
        if (options.mode() == Mode.FULL) {
            // Recorded first, so the run shows while its source opens (a URL may take its retries).
            record(runs, id, plan);
            // Opened before the tables are emptied: a source that cannot be opened or read leaves
            // them as they were, and the first batches are read while PostgreSQL truncates.
            opening = SourceOpening.open(options, log, plan, id, seen);
            if (opening.failure() == null) {
                try {
                    RunConnections.inTransaction(bookkeeping, transaction -> prepareTables(transaction, true));
                } catch (SQLException | RuntimeException e) {
                    opening.close();
                    runs.finish(id, EtlJobState.FAILED.wireName(),
                            "cannot empty the tables: " + TaxRegistrationJob.rootMessage(e), null);
                    throw e;
                }
            }
        } else {
            // A chain of runs that committed nothing yet is still the full reload it began with,
            // which may have died before emptying the tables: its resume empties them.
            RunConnections.inTransaction(bookkeeping, transaction -> {
                prepareTables(transaction, plan.resumedAfterBatch() == 0);
                record(runs, id, plan);
            });
            // The committed batches' BANs, so that a duplicate of an earlier row is still caught.
            readCommittedBans(bookkeeping, seen);
            opening = SourceOpening.open(options, log, plan, id, seen);
        }
        return loop.run(plan, id, connections, runs, opening);
    }

    private void record(JobRuns runs, UUID id, RunPlan plan) throws SQLException {
        runs.insert(id, TaxRegistrationJob.JOB_NAME, options.mode().wireName(), plan.source(), plan.chunkSize(),
                plan.limit(), plan.resumedFrom(), plan.resumedAfterBatch(), machineName);
    }

    /** Empties the tables when asked, and drops their keys for the load (see LoadIndexes). */
    private static void prepareTables(Connection connection, boolean empty) throws SQLException {
        if (empty) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("truncate etl.business_registration, etl.business_industry");
            }
        }
        LoadIndexes.dropForLoad(connection);
    }

    private static long countRegistrations(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("select count(*) from etl.business_registration")) {
            count.next();
            return count.getLong(1);
        }
    }

    /** Streams the BANs through a cursor (a fetch size needs a transaction), never all rows at once. */
    private static void readCommittedBans(Connection connection, SeenBans seen) throws SQLException {
        RunConnections.inTransaction(connection, transaction -> {
            try (Statement statement = transaction.createStatement()) {
                statement.setFetchSize(20_000);
                try (ResultSet bans = statement.executeQuery("select ban from etl.business_registration")) {
                    while (bans.next()) {
                        seen.add(Integer.parseInt(bans.getString(1)));
                    }
                }
            }
        });
    }

    private boolean confirmFullReload(long existing) {
        console.err().printf("Full reload: this empties etl.business_registration (%,d rows) and etl.business_industry,"
                + " then loads %s.%nContinue? (yes/no): ", existing, options.source());
        console.err().flush();
        try {
            String answer = console.in().readLine();
            return answer != null && (answer.strip().equalsIgnoreCase("yes") || answer.strip().equalsIgnoreCase("y"));
        } catch (IOException e) {
            return false;
        }
    }
}
