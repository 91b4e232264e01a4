package io.taskmon.etl.cli;

import io.taskmon.etl.cli.LoadOptions.Mode;
import io.taskmon.etl.source.RetryPolicy;
import io.taskmon.events.MonitorConfig;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./taskmon etl load}: the options as given; {@link #options} checks how they combine and
 * fills in the defaults.
 */
@Command(name = "load",
        customSynopsis = {
            "./taskmon etl load --source PATH_OR_URL [options]",
            "       ./taskmon etl load --resume [--source PATH_OR_URL] [options]",
            "       ./taskmon etl load --dry-run --source PATH_OR_URL [options]"},
        description = "Loads the tax-registration CSV into schema etl, batch by batch, with a checkpoint per batch.",
        footer = {
            "Exit codes: 0 ok, 1 run failed, 2 usage or configuration, 3 another run holds the lock,",
            "            4 nothing to resume, 5 full reload not confirmed."})
public final class LoadCommand {

    @Option(names = "--source", paramLabel = "S", description = "a file, - for standard input, or an http(s) URL")
    String source;

    @Option(names = "--resume", arity = "0",
            description = "continue the last unfinished run after its last committed batch")
    boolean resume;

    @Option(names = "--dry-run", arity = "0", description = "validate and count; write nothing to the database")
    boolean dryRun;

    @Option(names = "--yes", arity = "0",
            description = "skip the confirmation of a full reload (it empties the tables)")
    boolean yes;

    @Option(names = "--limit", paramLabel = "N", converter = OptionValues.PositiveNumber.class,
            description = "read at most N data rows")
    Long limit;

    @Option(names = "--chunk-size", paramLabel = "N", converter = OptionValues.PositiveNumber.class,
            description = "rows per batch (default 20000, at most 1000000); a batch also ends at 16 MB")
    Long chunkSize;

    @Option(names = "--max-rejections", paramLabel = "N", converter = OptionValues.PositiveNumber.class,
            description = "rejected rows recorded per batch (default 100, at most 100000); more are counted")
    Long maxRejections;

    @Option(names = "--schedule", paramLabel = "\"CRON\"",
            description = "run at these local times (minute hour day month weekday), never catching up")
    String schedule;

    @Option(names = "--timezone", paramLabel = "ZONE",
            description = "the IANA time zone of --schedule, e.g. Asia/Taipei (default: the machine's)")
    String timezone;

    @Option(names = "--grace", paramLabel = "SECONDS",
            description = "how late a scheduled run may start before its monitor is MISSED (default 300)")
    String grace;

    @Option(names = "--pg-url", paramLabel = "URL",
            description = "PostgreSQL (default PG_URL, else the running ./taskmon up)")
    String pgUrl;

    @Option(names = "--pg-user", paramLabel = "U", description = "PostgreSQL user (default PG_USER, else postgres)")
    String pgUser;

    @Option(names = "--pg-password", paramLabel = "P", description = "PostgreSQL password (default PG_PASSWORD)")
    String pgPassword;

    @Option(names = "--kafka", paramLabel = "HOST:PORT",
            description = "Kafka for progress events (default KAFKA_BOOTSTRAP_SERVERS, else ./taskmon up)")
    String kafka;

    @Option(names = "--no-events", arity = "0", description = "send no progress events")
    boolean noEvents;

    @Option(names = "--events-timeout", paramLabel = "DURATION", converter = OptionValues.Seconds.class,
            description = "how long an event may wait for Kafka before events are switched off (default 5s)")
    Long eventsTimeout;

    @Option(names = "--heartbeat", paramLabel = "DURATION", converter = OptionValues.Seconds.class,
            description = "time between heartbeat events (default 5s)")
    Long heartbeat;

    @Option(names = "--log-file", paramLabel = "PATH",
            description = "JSON log lines (default TASKMON_HOME/logs/etl.jsonl; - for stdout)")
    String logFile;

    @Option(names = "--failed-rows-dir", paramLabel = "DIR",
            description = "where a failed batch's rows are saved (default TASKMON_HOME/etl-failed)")
    String failedRowsDir;

    @Option(names = "--no-progress", arity = "0", description = "no progress bar on stderr")
    boolean noProgress;

    @Option(names = "--retries", paramLabel = "N", converter = OptionValues.PositiveNumber.class,
            description = "tries of an HTTP source (default 3, at most 10)")
    Long retries;

    @Option(names = "--retry-backoff-ms", paramLabel = "MS", converter = OptionValues.PositiveNumber.class,
            description = "first wait between tries of an HTTP source, doubling (default 1000)")
    Long retryBackoffMs;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this text")
    boolean help;

    /**
     * The options checked together, with the defaults that depend on {@code TASKMON_HOME}.
     *
     * @param home the taskmon home folder, where the log and failed batches go by default
     */
    public LoadOptions options(Path home) {
        if (resume && dryRun) {
            throw new UsageException("--resume and --dry-run cannot be combined; a dry run always reads the whole source");
        }
        Mode mode = resume ? Mode.RESUME : dryRun ? Mode.DRY_RUN : Mode.FULL;
        checkSource(mode);
        checkSchedule(mode);
        MonitorConfig monitorConfig = ScheduleMonitorConfig.of(schedule, timezone, grace);
        Integer tries = OptionValues.atMost("--retries", retries, 10);
        Integer eventsTimeoutSeconds = OptionValues.atMost("--events-timeout", eventsTimeout, 300);
        Integer heartbeatSeconds = OptionValues.atMost("--heartbeat", heartbeat, 3600);
        Integer cap = OptionValues.atMost("--max-rejections", maxRejections, 100_000);
        return new LoadOptions(source, mode, yes, limit,
                OptionValues.atMost("--chunk-size", chunkSize, LoadOptions.MAX_CHUNK_SIZE),
                cap == null ? LoadOptions.DEFAULT_REJECTION_CAP : cap, schedule, noEvents,
                Duration.ofSeconds(eventsTimeoutSeconds == null ? 5 : eventsTimeoutSeconds),
                Duration.ofSeconds(heartbeatSeconds == null ? 5 : heartbeatSeconds),
                logFile != null ? logFile : home.resolve("logs").resolve("etl.jsonl").toString(),
                failedRowsDir != null ? Path.of(failedRowsDir) : home.resolve("etl-failed"),
                !noProgress,
                new RetryPolicy(tries == null ? RetryPolicy.DEFAULT.tries() : tries,
                        retryBackoffMs == null ? RetryPolicy.DEFAULT.firstBackoff() : Duration.ofMillis(retryBackoffMs)),
                new LoadOptions.ConnectionFlags(pgUrl, pgUser, pgPassword, kafka), monitorConfig);
    }

    private void checkSource(Mode mode) {
        if (source != null && source.isBlank()) {
            throw new UsageException("--source is empty");
        }
        if (source == null && mode != Mode.RESUME) {
            throw new UsageException("--source is required (a file, - for standard input, or an http(s) URL)");
        }
        if (source != null && source.contains("://") && !source.startsWith("http://") && !source.startsWith("https://")) {
            throw new UsageException("--source URL must be http:// or https://, got " + source);
        }
    }

    private void checkSchedule(Mode mode) {
        if (schedule == null) {
            return;
        }
        if (mode == Mode.RESUME) {
            throw new UsageException("--schedule runs full reloads or dry runs; it cannot be combined with --resume");
        }
        if (mode == Mode.FULL && !yes) {
            throw new UsageException("--schedule needs --yes for full reloads: nobody is there to confirm at night");
        }
        if ("-".equals(source)) {
            throw new UsageException("--schedule cannot read standard input; name a file or URL");
        }
    }
}
