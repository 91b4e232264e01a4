package io.taskmon.etl.cli;

import io.taskmon.etl.source.RetryPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything {@code ./taskmon etl load} was told, checked. Connection settings are resolved
 * separately ({@link Endpoints}), since they also come from the environment.
 *
 * @param source         file path, {@code -} for standard input, or an http(s) URL; null on a resume
 *                       that reuses the resumed run's source
 * @param chunkSize      rows per batch; null means the default, or the resumed run's size
 * @param rejectionCap   rejected rows recorded per batch; beyond it they are only counted
 * @param logFile        where the JSON log lines go; {@code -} is standard output
 */
public record LoadOptions(String source, Mode mode, boolean yes, Long limit, Integer chunkSize, int rejectionCap,
                          String schedule, boolean noEvents, Duration eventsTimeout, Duration heartbeatInterval,
                          String logFile, Path failedRowsDir, boolean progress, RetryPolicy retry,
                          ConnectionFlags connection) {

    public static final int DEFAULT_CHUNK_SIZE = 20_000;
    public static final int MAX_CHUNK_SIZE = 1_000_000;
    public static final int DEFAULT_REJECTION_CAP = 100;

    public enum Mode {
        FULL("full"), RESUME("resume"), DRY_RUN("dry_run");

        private final String wireName;

        Mode(String wireName) {
            this.wireName = wireName;
        }

        /** As the {@code mode} of a JobStarted event and of {@code etl.job_runs}. */
        public String wireName() {
            return wireName;
        }
    }

    /** Connection settings given as flags; they win over the environment. */
    public record ConnectionFlags(String pgUrl, String pgUser, String pgPassword, String kafka) {
    }

    static final Set<String> VALUE_OPTIONS = Set.of("--source", "--limit", "--chunk-size", "--max-rejections",
            "--schedule", "--pg-url", "--pg-user", "--pg-password", "--kafka", "--events-timeout", "--heartbeat",
            "--log-file", "--failed-rows-dir", "--retries", "--retry-backoff-ms");
    static final Set<String> FLAG_OPTIONS = Set.of("--resume", "--dry-run", "--yes", "--no-events", "--no-progress");

    public static final String USAGE = """
            Usage: ./taskmon etl load --source PATH_OR_URL [options]
                   ./taskmon etl load --resume [--source PATH_OR_URL] [options]
                   ./taskmon etl load --dry-run --source PATH_OR_URL [options]
            Loads the tax-registration CSV into schema etl, batch by batch, with a checkpoint per batch.
              --source S             a file, - for standard input, or an http(s) URL
              --resume               continue the last unfinished run after its last committed batch
              --dry-run              validate and count; write nothing to the database
              --yes                  skip the confirmation of a full reload (it empties the tables)
              --limit N              read at most N data rows
              --chunk-size N         rows per batch (default 20000, at most 1000000); a batch also ends at 16 MB
              --max-rejections N     rejected rows recorded per batch (default 100); more are counted
              --schedule "CRON"      run at these times (minute hour day month weekday), never catching up
              --pg-url URL           PostgreSQL (default PG_URL, else the running ./taskmon up)
              --pg-user U, --pg-password P
              --kafka HOST:PORT      Kafka for progress events (default KAFKA_BOOTSTRAP_SERVERS, else ./taskmon up)
              --no-events            send no progress events
              --events-timeout S     seconds an event may wait for Kafka before events are switched off (default 5)
              --heartbeat S          seconds between heartbeat events (default 5)
              --log-file PATH        JSON log lines (default TASKMON_HOME/logs/etl.jsonl; - for stdout)
              --failed-rows-dir DIR  where a failed batch's rows are saved (default TASKMON_HOME/etl-failed)
              --no-progress          no progress bar on stderr
              --retries N            tries of an HTTP source (default 3), --retry-backoff-ms MS (default 1000)
            Exit codes: 0 ok, 1 run failed, 2 usage or configuration, 3 another run holds the lock,
                        4 nothing to resume, 5 full reload not confirmed.""";

    public static LoadOptions parse(List<String> args, Map<String, String> env) {
        Arguments a = Arguments.parse(args, VALUE_OPTIONS, FLAG_OPTIONS);
        boolean resume = a.flag("--resume");
        boolean dryRun = a.flag("--dry-run");
        if (resume && dryRun) {
            throw new UsageException("--resume and --dry-run cannot be combined; a dry run always reads the whole source");
        }
        Mode mode = resume ? Mode.RESUME : dryRun ? Mode.DRY_RUN : Mode.FULL;
        String source = a.value("--source");
        if (source != null && source.isBlank()) {
            throw new UsageException("--source is empty");
        }
        if (source == null && mode != Mode.RESUME) {
            throw new UsageException("--source is required (a file, - for standard input, or an http(s) URL)");
        }
        if (source != null && source.contains("://") && !source.startsWith("http://") && !source.startsWith("https://")) {
            throw new UsageException("--source URL must be http:// or https://, got " + source);
        }
        String schedule = a.value("--schedule");
        if (schedule != null) {
            if (mode == Mode.RESUME) {
                throw new UsageException("--schedule runs full reloads or dry runs; it cannot be combined with --resume");
            }
            if (mode == Mode.FULL && !a.flag("--yes")) {
                throw new UsageException("--schedule needs --yes for full reloads: nobody is there to confirm at night");
            }
            if (source != null && source.equals("-")) {
                throw new UsageException("--schedule cannot read standard input; name a file or URL");
            }
        }
        Integer tries = a.positiveInt("--retries", 10);
        Long backoff = a.positiveLong("--retry-backoff-ms");
        Integer eventsTimeout = a.positiveInt("--events-timeout", 300);
        Integer heartbeat = a.positiveInt("--heartbeat", 3600);
        Integer cap = a.positiveInt("--max-rejections", 100_000);
        Path home = Path.of(env.getOrDefault("TASKMON_HOME", ".taskmon"));
        String logFile = a.value("--log-file", home.resolve("logs").resolve("etl.jsonl").toString());
        Path failedRowsDir = Path.of(a.value("--failed-rows-dir", home.resolve("etl-failed").toString()));
        return new LoadOptions(source, mode, a.flag("--yes"), a.positiveLong("--limit"),
                a.positiveInt("--chunk-size", MAX_CHUNK_SIZE), cap == null ? DEFAULT_REJECTION_CAP : cap, schedule,
                a.flag("--no-events"),
                Duration.ofSeconds(eventsTimeout == null ? 5 : eventsTimeout),
                Duration.ofSeconds(heartbeat == null ? 5 : heartbeat), logFile, failedRowsDir,
                !a.flag("--no-progress"),
                new RetryPolicy(tries == null ? RetryPolicy.DEFAULT.tries() : tries,
                        backoff == null ? RetryPolicy.DEFAULT.firstBackoff() : Duration.ofMillis(backoff)),
                new ConnectionFlags(a.value("--pg-url"), a.value("--pg-user"), a.value("--pg-password"),
                        a.value("--kafka")));
    }

    /** The same options, confirmed and without the schedule: one run a schedule starts. */
    public LoadOptions withYes() {
        return new LoadOptions(source, mode, true, limit, chunkSize, rejectionCap, null, noEvents, eventsTimeout,
                heartbeatInterval, logFile, failedRowsDir, progress, retry, connection);
    }
}
