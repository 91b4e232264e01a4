package io.taskmon.projector;

import org.jdbi.v3.core.Jdbi;

/**
 * Rebuilding the read model: empty every table and every stored offset in one transaction, so
 * the projector (a running one notices within seconds, see {@link Projector}) replays the
 * topics from the earliest offsets into the same state.
 */
public final class ReadModelRebuild {

    /**
     * Every table the projector fills, and its offsets; nothing else in the schema. Not
     * {@code dead_letters}: its replay times were set by people and are in no topic. The replay
     * reads the dead letters again, which their unique key makes a no-op.
     */
    static final String TRUNCATE = """
            truncate taskmon.task_monitors, taskmon.task_runs, taskmon.monitor_flips, taskmon.alerts,
                     taskmon.monitor_stats_hourly, taskmon.etl_job_runs, taskmon.etl_job_batches,
                     taskmon.etl_import_errors, taskmon.notification_deliveries,
                     taskmon.projector_offsets
            """;

    private final Jdbi jdbi;

    public ReadModelRebuild(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Empties the read model. TRUNCATE waits for a projector's open batch to commit, and that
     * projector's next batch then finds its offsets gone and starts over: nothing of the old
     * state survives next to the replayed one.
     */
    public void reset() {
        jdbi.useTransaction(handle -> handle.execute(TRUNCATE));
    }
}
