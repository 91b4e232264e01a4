package io.taskmon.projector;

import io.taskmon.readmodel.AlertDao;
import io.taskmon.readmodel.EtlImportErrorDao;
import io.taskmon.readmodel.EtlJobBatchDao;
import io.taskmon.readmodel.MonitorFlipDao;
import io.taskmon.readmodel.MonitorStatsHourlyDao;
import io.taskmon.readmodel.NotificationDeliveryDao;
import io.taskmon.readmodel.TaskRunDao;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes history older than the configured age in small batches, each its own short
 * transaction, so the projector and readers never wait long on it. Monitors and their latest
 * state ({@code task_monitors}), open alerts and the summary row of every ETL job run stay.
 */
public final class RunHistoryRetention implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunHistoryRetention.class);

    private final Jdbi jdbi;
    private final RetentionSettings settings;
    private final Clock clock;
    private ScheduledExecutorService scheduler;

    public RunHistoryRetention(Jdbi jdbi, RetentionSettings settings, Clock clock) {
        this.jdbi = jdbi;
        this.settings = settings;
        this.clock = clock;
    }

    /** Runs now and then every interval, on its own thread; a failed run is logged and tried again next time. */
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "projector-retention");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                runOnce();
            } catch (RuntimeException e) {
                LOG.warn("Retention run failed ({}); next try in {}", e.getMessage(), settings.interval());
            }
        }, 0, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Deletes everything past its age now; returns the rows deleted per table. */
    public Map<String, Long> runOnce() {
        Map<String, Long> deleted = new LinkedHashMap<>();
        Instant now = clock.instant();
        if (!settings.maxAge().isZero()) {
            Instant cutoff = now.minus(settings.maxAge());
            deleted.put("task_runs", drain(TaskRunDao.class, cutoff, TaskRunDao::deleteReceivedBefore));
            deleted.put("monitor_flips", drain(MonitorFlipDao.class, cutoff, MonitorFlipDao::deleteFlippedBefore));
            deleted.put("alerts", drain(AlertDao.class, cutoff, AlertDao::deleteResolvedBefore)
                    + drain(AlertDao.class, cutoff, AlertDao::deleteRecoveriesBefore));
            deleted.put("notification_deliveries", drain(NotificationDeliveryDao.class, cutoff,
                    NotificationDeliveryDao::deleteOfDeletedAlertsBefore));
            deleted.put("etl_import_errors",
                    drain(EtlImportErrorDao.class, cutoff, EtlImportErrorDao::deleteOfJobsFinishedBefore));
            deleted.put("etl_job_batches",
                    drain(EtlJobBatchDao.class, cutoff, EtlJobBatchDao::deleteOfJobsFinishedBefore));
        }
        if (!settings.statsMaxAge().isZero()) {
            deleted.put("monitor_stats_hourly", drain(MonitorStatsHourlyDao.class, now.minus(settings.statsMaxAge()),
                    MonitorStatsHourlyDao::deleteHoursBefore));
        }
        if (deleted.values().stream().anyMatch(n -> n > 0)) {
            LOG.info("Retention deleted {} (history older than {}, hourly stats older than {})",
                    deleted, settings.maxAge(), settings.statsMaxAge());
        }
        return deleted;
    }

    @FunctionalInterface
    private interface DeleteBatch<D> {
        int delete(D dao, Instant cutoff, int limit);
    }

    private <D> long drain(Class<D> daoType, Instant cutoff, DeleteBatch<D> delete) {
        long total = 0;
        while (true) {
            int n = jdbi.withExtension(daoType, dao -> delete.delete(dao, cutoff, settings.batchSize()));
            total += n;
            if (n < settings.batchSize()) {
                return total;
            }
        }
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
    }
}
