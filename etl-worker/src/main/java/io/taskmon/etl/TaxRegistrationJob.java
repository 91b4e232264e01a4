package io.taskmon.etl;

import io.taskmon.config.PostgresEndpoint;
import io.taskmon.etl.cli.LoadOptions;
import io.taskmon.etl.cli.LoadOptions.Mode;
import io.taskmon.etl.cli.UsageException;
import io.taskmon.etl.load.AdvisoryLock;
import io.taskmon.etl.load.BatchLoader;
import io.taskmon.etl.load.EtlMigrations;
import io.taskmon.etl.load.JobRunRow;
import io.taskmon.etl.load.JobRuns;
import io.taskmon.etl.load.LoadIndexes;
import io.taskmon.etl.load.RunConnections;
import io.taskmon.etl.progress.JsonLog;
import io.taskmon.etl.progress.ProgressBar;
import io.taskmon.etl.progress.ProgressPublisher;
import io.taskmon.etl.source.CountingInputStream;
import io.taskmon.etl.source.SourceFormatException;
import io.taskmon.etl.source.SourceOpener;
import io.taskmon.etl.source.SourceUnavailableException;
import io.taskmon.etl.transform.PreparedBatch;
import io.taskmon.etl.transform.RejectionType;
import io.taskmon.etl.transform.SeenBans;
import io.taskmon.events.EtlJobState;
import io.taskmon.events.EtlProgress;
import io.taskmon.events.EtlTotals;
import io.taskmon.events.RowRejection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One run of the tax-registration import: takes the job's lock, plans the run (full reload,
 * resume or dry run), streams the source through validation into batches and commits each
 * with its checkpoint, reporting progress as events, log lines and a progress bar.
 */
public final class TaxRegistrationJob {

    public static final String JOB_NAME = "tax-registration";

    /** Where the run talks to a person: the summary, the progress bar, the confirmation prompt. */
    public record Console(PrintStream out, PrintStream err, BufferedReader in, boolean interactive) {
    }

    /** How the run ended; {@code summary} is null when it never started (locked, declined, ...). */
    public record Outcome(ExitCode exitCode, RunSummary summary, String message) {
    }

    /**
     * @param resumedAfterRows source rows the resumed runs committed, skipped before the first
     *                         batch (batches end by bytes too, so not batches times chunk size)
     */
    private record Plan(String source, int chunkSize, Long limit, UUID resumedFrom, long resumedAfterBatch,
                        long resumedAfterRows) {
    }

    private final LoadOptions options;
    private final PostgresEndpoint postgres;
    private final ProgressPublisher events;
    private final JsonLog log;
    private final Console console;
    private final String machineName;

    /** @param postgres null for a dry run, which never touches the database */
    public TaxRegistrationJob(LoadOptions options, PostgresEndpoint postgres, ProgressPublisher events, JsonLog log,
                              Console console, String machineName) {
        this.options = options;
        this.postgres = postgres;
        this.events = events;
        this.log = log;
        this.console = console;
        this.machineName = machineName;
    }

    public Outcome run() {
        if (options.mode() == Mode.DRY_RUN) {
            Plan plan = new Plan(options.source(), chunkSize(), options.limit(), null, 0, 0);
            UUID id = UUID.randomUUID();
            log.jobRunId(id);
            return execute(plan, id, null, null, open(plan, id, new SeenBans()));
        }
        try (RunConnections connections = new RunConnections(postgres)) {
            Connection bookkeeping;
            try {
                bookkeeping = connections.take();
            } catch (SQLException e) {
                return new Outcome(ExitCode.JOB_FAILED, null,
                        "cannot connect to PostgreSQL at " + postgres.jdbcUrl() + ": " + rootMessage(e));
            }
            try {
                EtlMigrations.migrate(bookkeeping, connections.dataSource());
                JobRuns runs = new JobRuns(bookkeeping);
                Optional<AdvisoryLock> lock = AdvisoryLock.tryAcquire(connections.open(), JOB_NAME);
                if (lock.isEmpty()) {
                    String holder = runs.latest(JOB_NAME)
                            .filter(r -> r.status().equals(JobRunRow.RUNNING))
                            .map(r -> " (job run " + r.id() + ", started " + r.startedAt() + ")").orElse("");
                    String message = "another " + JOB_NAME + " run holds the lock" + holder
                            + "; only one runs at a time, try again when it has finished";
                    log.warn("job_locked", message);
                    return new Outcome(ExitCode.LOCKED, null, message);
                }
                try (AdvisoryLock held = lock.get()) {
                    return runLocked(connections, bookkeeping, runs);
                }
            } catch (SQLException | RuntimeException e) {
                if (e instanceof UsageException usage) {
                    throw usage;
                }
                return new Outcome(ExitCode.JOB_FAILED, null, "PostgreSQL at " + postgres.jdbcUrl() + ": " + rootMessage(e));
            }
        }
    }

    private Outcome runLocked(RunConnections connections, Connection bookkeeping, JobRuns runs) throws SQLException {
        int abandoned = runs.markAbandoned(JOB_NAME);
        if (abandoned > 0) {
            log.warn("runs_abandoned", abandoned + " run(s) marked running had stopped without finishing; marked failed");
        }
        Plan plan;
        if (options.mode() == Mode.RESUME) {
            Optional<JobRunRow> last = runs.latest(JOB_NAME);
            if (last.isEmpty()) {
                return new Outcome(ExitCode.NOTHING_TO_RESUME, null, "nothing to resume: no " + JOB_NAME + " run yet");
            }
            JobRunRow run = last.get();
            if (run.status().equals(JobRunRow.SUCCEEDED)) {
                return new Outcome(ExitCode.NOTHING_TO_RESUME, null, "nothing to resume: the last run " + run.id()
                        + " succeeded (" + run.lastCommittedBatch() + " batches)");
            }
            plan = resumePlan(run, runs.rowsReadThrough(run.id()));
        } else {
            if (!options.yes() && !confirmFullReload(countRegistrations(bookkeeping))) {
                return new Outcome(ExitCode.DECLINED, null, "full reload not confirmed; nothing was changed");
            }
            plan = new Plan(options.source(), chunkSize(), options.limit(), null, 0, 0);
        }
        UUID id = UUID.randomUUID();
        log.jobRunId(id);
        SeenBans seen = new SeenBans();
        Opening opening;
        if (options.mode() == Mode.FULL) {
            // Recorded first, so the run shows while its source opens (a URL may take its retries).
            record(runs, id, plan);
            // Opened before the tables are emptied: a source that cannot be opened or read leaves
            // them as they were, and the first batches are read while PostgreSQL truncates.
            opening = open(plan, id, seen);
            if (opening.failure() == null) {
                try {
                    RunConnections.inTransaction(bookkeeping, transaction -> prepareTables(transaction, true));
                } catch (SQLException | RuntimeException e) {
                    opening.close();
                    runs.finish(id, EtlJobState.FAILED.wireName(), "cannot empty the tables: " + rootMessage(e), null);
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
            opening = open(plan, id, seen);
        }
        return execute(plan, id, connections, runs, opening);
    }

    private void record(JobRuns runs, UUID id, Plan plan) throws SQLException {
        runs.insert(id, JOB_NAME, options.mode().wireName(), plan.source(), plan.chunkSize(), plan.limit(),
                plan.resumedFrom(), plan.resumedAfterBatch(), machineName);
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

    /** The source opened and being read, or why it could not be. */
    private record Opening(BatchReading reading, Exception failure) {
        void close() {
            if (reading != null) {
                try {
                    reading.close();
                } catch (IOException ignored) {
                    // Nothing was read from it that matters: the run ends before loading.
                }
            }
        }
    }

    private Opening open(Plan plan, UUID id, SeenBans seen) {
        SourceOpener opener = new SourceOpener(options.retry(), message -> log.warn("source_retry", message));
        BatchReading.Span span = new BatchReading.Span(plan.resumedAfterBatch() + 1, plan.chunkSize(),
                plan.resumedAfterRows(), plan.limit() == null ? Long.MAX_VALUE : plan.limit());
        try {
            return new Opening(BatchReading.start(opener, plan.source(), span, seen, options.rejectionCap(), id), null);
        } catch (IOException | RuntimeException e) {
            return new Opening(null, e);
        }
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

    private Plan resumePlan(JobRunRow run, long rowsCommitted) {
        String source = options.source() != null ? options.source() : run.source();
        if (source.equals("-") && options.source() == null) {
            throw new UsageException("the run to resume read standard input; name its source again with --source");
        }
        // The limit counts rows from the start of the source, so a resume must keep the run's.
        // The chunk size may change: a resume skips the rows the runs before it read, whatever
        // their batches' sizes (a smaller one isolates a batch the database keeps refusing).
        if (options.limit() != null && !options.limit().equals(run.rowLimit())) {
            throw new UsageException("--limit " + options.limit() + " differs from the resumed run's "
                    + (run.rowLimit() == null ? "none" : run.rowLimit()) + "; leave it out");
        }
        int chunkSize = options.chunkSize() != null ? options.chunkSize() : run.chunkSize();
        return new Plan(source, chunkSize, run.rowLimit(), run.id(), run.lastCommittedBatch(), rowsCommitted);
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

    private int chunkSize() {
        return options.chunkSize() == null ? LoadOptions.DEFAULT_CHUNK_SIZE : options.chunkSize();
    }

    /**
     * The run itself, once it is recorded (or, for a dry run, without any record).
     *
     * @param connections and {@code runs} null for a dry run, which writes nothing
     */
    private Outcome execute(Plan plan, UUID id, RunConnections connections, JobRuns runs, Opening opening) {
        BatchLoader loader = connections == null ? null : new BatchLoader(connections);
        long startNanos = System.nanoTime();
        RunCounters counters = new RunCounters(plan.resumedAfterBatch());
        ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "etl-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        String errorMessage = null;
        String failedRowsFile = null;
        Long totalBytes = null;
        ProgressBar bar = null;
        boolean started = false;
        try (BatchReading reading = opening.reading()) {
            // When the source cannot be opened, JobStarted is still sent (below) before JobFinished,
            // so a consumer always sees a run begin and end.
            if (opening.failure() != null) {
                throw opening.failure();
            }
            totalBytes = reading.totalBytes();
            started = true;
            publishStarted(id, plan, totalBytes);
            counters.stream = reading.stream();
            heartbeats.scheduleAtFixedRate(() -> events.publish(new EtlProgress.Heartbeat(EtlProgress.SCHEMA_VERSION,
                            id, Instant.now(), counters.lastCommittedBatch + 1, counters.rowsRead,
                            counters.stream.count())),
                    options.heartbeatInterval().toMillis(), options.heartbeatInterval().toMillis(), TimeUnit.MILLISECONDS);
            bar = new ProgressBar(console.err(), console.interactive(), options.progress(), totalBytes);
            ProgressBar progressBar = bar;
            try (CommitWindow window = new CommitWindow(id, loader, reading.headerLine(),
                    (batch, durationMs) -> {
                        batchDone(id, batch, durationMs, counters, progressBar, loader == null);
                        reading.recycle(batch);
                    })) {
                PreparedBatch batch;
                while ((batch = reading.next()) != null) {
                    window.submit(batch);
                }
                window.drain();
            }
            if (counters.batches == 0 && plan.resumedAfterBatch() > 0) {
                log.warn("nothing_left", "the source has no rows after the " + plan.resumedAfterRows()
                        + " that batches 1 to " + plan.resumedAfterBatch() + " read; is it the file the resumed run read?");
            }
        } catch (BatchFailedException e) {
            errorMessage = e.getMessage();
            failedRowsFile = e.failedRowsFile;
        } catch (SourceUnavailableException | SourceFormatException e) {
            errorMessage = e.getMessage();
        } catch (Exception e) {
            errorMessage = (counters.batches == 0 ? "" : "after batch " + counters.lastCommittedBatch + ": ")
                    + rootMessage(e);
        } finally {
            heartbeats.shutdownNow();
        }
        if (!started) {
            publishStarted(id, plan, null);
        }
        if (bar != null) {
            bar.update(counters.batches, counters.rowsRead, counters.stream == null ? 0 : counters.stream.count(), true);
            bar.finish();
        }
        if (connections != null) {
            errorMessage = rebuildIndexes(connections, errorMessage);
        }
        EtlJobState status = errorMessage == null ? EtlJobState.SUCCEEDED : EtlJobState.FAILED;
        long durationMs = (System.nanoTime() - startNanos) / 1_000_000;
        if (runs != null) {
            try {
                runs.finish(id, status.wireName(), errorMessage, totalBytes);
            } catch (SQLException | RuntimeException e) {
                log.error("finish_not_recorded", "cannot record the end of the run: " + rootMessage(e));
            }
        }
        events.publish(new EtlProgress.JobFinished(EtlProgress.SCHEMA_VERSION, id, Instant.now(), status,
                counters.lastCommittedBatch, counters.totals(), durationMs, errorMessage));
        if (status == EtlJobState.SUCCEEDED) {
            log.info("job_finished", "run succeeded", "status", status.wireName(), "rows_read", counters.rowsRead,
                    "rows_loaded", counters.rowsLoaded, "duration_ms", durationMs);
        } else {
            log.error("job_finished", "run failed: " + errorMessage, "status", status.wireName(),
                    "last_committed_batch", counters.lastCommittedBatch, "duration_ms", durationMs);
        }
        events.close();
        RunSummary summary = new RunSummary(id, options.mode(), status, durationMs, counters.totals(), counters.rowsBlank,
                Map.copyOf(counters.rejectionsByType), plan.resumedAfterBatch(), counters.lastCommittedBatch,
                errorMessage, failedRowsFile, events.delivered(), events.lost());
        return new Outcome(status == EtlJobState.SUCCEEDED ? ExitCode.OK : ExitCode.JOB_FAILED, summary, errorMessage);
    }

    /** Builds the indexes dropped for the load; a failure here fails the run unless it had failed already. */
    private String rebuildIndexes(RunConnections connections, String errorMessage) {
        long start = System.nanoTime();
        try {
            LoadIndexes.rebuild(connections);
            log.info("indexes_built", "indexes of the data tables built", "duration_ms",
                    (System.nanoTime() - start) / 1_000_000);
            return errorMessage;
        } catch (SQLException | RuntimeException e) {
            String why = "building the indexes after the load failed: " + rootMessage(e);
            log.error("indexes_not_built", why);
            return errorMessage == null ? why : errorMessage;
        }
    }

    private void publishStarted(UUID id, Plan plan, Long totalBytes) {
        events.publish(new EtlProgress.JobStarted(EtlProgress.SCHEMA_VERSION, id, Instant.now(), JOB_NAME,
                plan.source(), options.mode().wireName(), plan.resumedAfterBatch(), totalBytes, plan.chunkSize(),
                machineName));
        log.info("job_started", JOB_NAME + " " + options.mode().wireName() + " run of " + plan.source(),
                "mode", options.mode().wireName(), "source", plan.source(), "chunk_size", plan.chunkSize(),
                "resumed_after_batch", plan.resumedAfterBatch());
    }

    /** Saves the batch's rows as read (with the source's header) for inspection; null if even that fails. */
    private String saveFailedRows(UUID id, PreparedBatch batch, String headerLine) {
        Path file = options.failedRowsDir().resolve(id + "-batch-" + batch.number() + ".csv");
        try {
            Files.createDirectories(options.failedRowsDir());
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write((headerLine + "\n").getBytes(StandardCharsets.UTF_8));
                out.write(batch.rawRows().array(), 0, batch.rawRows().size());
            }
            return file.toAbsolutePath().toString();
        } catch (IOException e) {
            log.error("failed_rows_not_saved", "cannot save the failed batch's rows to " + file + ": " + e.getMessage());
            return null;
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static final class BatchFailedException extends RuntimeException {
        final String failedRowsFile;

        BatchFailedException(String message, String failedRowsFile) {
            super(message);
            this.failedRowsFile = failedRowsFile;
        }
    }

    /** A committed (or, in a dry run, validated) batch: counted, reported, shown. */
    private void batchDone(UUID id, PreparedBatch batch, long durationMs, RunCounters counters, ProgressBar bar,
                           boolean dryRun) {
        counters.add(batch);
        events.publish(new EtlProgress.BatchCompleted(EtlProgress.SCHEMA_VERSION, id, Instant.now(),
                batch.number(), batch.rowsRead(), batch.rowsLoaded(), batch.rowsFailed(),
                batch.rowsDuplicated(), durationMs, counters.totals(), batch.bytesRead(),
                batch.rejections().stream().map(r -> new RowRejection(r.lineNumber(), r.type().name(),
                        r.message(), r.rawRow())).toList(), batch.rejectionsOverflow()));
        log.info("batch_completed", "batch " + batch.number() + (dryRun ? " validated" : " committed"),
                "batch", batch.number(), "rows_read", batch.rowsRead(), "rows_loaded", batch.rowsLoaded(),
                "rows_failed", batch.rowsFailed(), "rows_duplicated", batch.rowsDuplicated(),
                "rows_blank", batch.rowsBlank(), "rejections_overflow", batch.rejectionsOverflow(),
                "duration_ms", durationMs);
        bar.update(counters.batches, counters.rowsRead, batch.bytesRead(), false);
    }

    /**
     * Commits up to two batches at the same time, each in its own transaction on its own
     * connection, so that PostgreSQL copies batch n+1 while batch n finishes. Only the copies
     * overlap: batch n+1 moves the checkpoint and commits after batch n has committed, and rolls
     * back if batch n did not. Batches are reported strictly in order.
     */
    private final class CommitWindow implements AutoCloseable {

        private static final int WINDOW = 2;

        private record InFlight(PreparedBatch batch, Future<?> commit, long startNanos) {
        }

        private final UUID id;
        private final BatchLoader loader;
        private final String headerLine;
        private final java.util.function.BiConsumer<PreparedBatch, Long> done;
        private final ExecutorService pool;
        private final Deque<InFlight> inFlight = new ArrayDeque<>();
        private CompletableFuture<Void> previousCommitted = CompletableFuture.completedFuture(null);

        /** @param loader null for a dry run: batches complete at once */
        CommitWindow(UUID id, BatchLoader loader, String headerLine,
                     java.util.function.BiConsumer<PreparedBatch, Long> done) {
            this.id = id;
            this.loader = loader;
            this.headerLine = headerLine;
            this.done = done;
            this.pool = loader == null ? null : Executors.newFixedThreadPool(WINDOW, r -> {
                Thread thread = new Thread(r, "etl-batch-commit");
                thread.setDaemon(true);
                return thread;
            });
        }

        void submit(PreparedBatch batch) {
            long start = System.nanoTime();
            CompletableFuture<Void> previous = previousCommitted;
            CompletableFuture<Void> committed = new CompletableFuture<>();
            previousCommitted = committed;
            Future<?> commit = loader == null ? CompletableFuture.completedFuture(null) : pool.submit(() -> {
                try {
                    // join() throws when the batch before failed: this one then rolls back.
                    loader.commit(id, batch, (System.nanoTime() - start) / 1_000_000, previous::join);
                    committed.complete(null);
                } catch (Throwable e) {
                    committed.completeExceptionally(e);
                    throw e;
                }
                return null;
            });
            inFlight.add(new InFlight(batch, commit, start));
            while (inFlight.size() >= WINDOW) {
                completeOldest();
            }
        }

        void drain() {
            while (!inFlight.isEmpty()) {
                completeOldest();
            }
        }

        private void completeOldest() {
            InFlight oldest = inFlight.poll();
            try {
                oldest.commit().get();
            } catch (ExecutionException e) {
                // The batches after it cannot commit without it; let them roll back first.
                awaitRest();
                PreparedBatch batch = oldest.batch();
                String failedRowsFile = saveFailedRows(id, batch, headerLine);
                String why = "batch " + batch.number() + " could not be committed: " + rootMessage(e.getCause());
                events.publish(new EtlProgress.BatchFailed(EtlProgress.SCHEMA_VERSION, id, Instant.now(),
                        batch.number(), batch.rowsRead(), why, failedRowsFile));
                log.error("batch_failed", why, "batch", batch.number(), "failed_rows_file", failedRowsFile);
                throw new BatchFailedException(why, failedRowsFile);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while committing batch " + oldest.batch().number());
            }
            done.accept(oldest.batch(), (System.nanoTime() - oldest.startNanos()) / 1_000_000);
        }

        private void awaitRest() {
            for (InFlight rest : inFlight) {
                try {
                    rest.commit().get();
                } catch (ExecutionException expected) {
                    // Rolled back because the batch before it failed: the normal outcome.
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            inFlight.clear();
        }

        @Override
        public void close() {
            if (pool != null) {
                awaitRest();
                pool.shutdownNow();
            }
        }
    }

    /** What the run has committed so far; the heartbeat thread reads it. */
    private static final class RunCounters {
        volatile long lastCommittedBatch;
        volatile long rowsRead;
        volatile CountingInputStream stream;
        long rowsLoaded;
        long rowsFailed;
        long rowsDuplicated;
        long rowsBlank;
        long batches;
        final Map<RejectionType, Long> rejectionsByType = new EnumMap<>(RejectionType.class);

        RunCounters(long resumedAfterBatch) {
            this.lastCommittedBatch = resumedAfterBatch;
        }

        void add(PreparedBatch batch) {
            rowsRead += batch.rowsRead();
            rowsLoaded += batch.rowsLoaded();
            rowsFailed += batch.rowsFailed();
            rowsDuplicated += batch.rowsDuplicated();
            rowsBlank += batch.rowsBlank();
            batches++;
            batch.rejectionCounts().forEach((type, n) -> rejectionsByType.merge(type, n, Long::sum));
            lastCommittedBatch = batch.number();
        }

        EtlTotals totals() {
            return new EtlTotals(rowsRead, rowsLoaded, rowsFailed, rowsDuplicated, batches);
        }
    }
}
