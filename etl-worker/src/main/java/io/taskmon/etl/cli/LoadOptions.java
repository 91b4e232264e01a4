package io.taskmon.etl.cli;

import io.taskmon.etl.source.RetryPolicy;
import io.taskmon.events.MonitorConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything {@code ./taskmon etl load} was told, checked ({@link LoadCommand} decodes and checks
 * it). Connection settings are resolved separately ({@link Endpoints}), since they also come from
 * the environment.
 *
 * @param source         file path, {@code -} for standard input, or an http(s) URL; null on a resume
 *                       that reuses the resumed run's source
 * @param chunkSize      rows per batch; null means the default, or the resumed run's size
 * @param rejectionCap   rejected rows recorded per batch; beyond it they are only counted
 * @param logFile        where the JSON log lines go; {@code -} is standard output
 * @param monitorConfig  with {@code --schedule}: the schedule each run reports as its monitor's
 *                       {@code monitor_config}, so a run that never starts is MISSED; else {@code null}
 */
public record LoadOptions(String source, Mode mode, boolean yes, Long limit, Integer chunkSize, int rejectionCap,
                          String schedule, boolean noEvents, Duration eventsTimeout, Duration heartbeatInterval,
                          String logFile, Path failedRowsDir, boolean progress, RetryPolicy retry,
                          ConnectionFlags connection, MonitorConfig monitorConfig) {

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

    /** The same options, confirmed and without the schedule: one run a schedule starts. */
    public LoadOptions withYes() {
        return new LoadOptions(source, mode, true, limit, chunkSize, rejectionCap, null, noEvents, eventsTimeout,
                heartbeatInterval, logFile, failedRowsDir, progress, retry, connection, monitorConfig);
    }
}
