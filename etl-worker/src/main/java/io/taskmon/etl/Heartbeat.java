package io.taskmon.etl;

import io.taskmon.etl.progress.ProgressPublisher;
import io.taskmon.events.EtlProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A {@code Heartbeat} event every interval while the run loads, from its own thread, so that a
 * batch that takes long is not mistaken for a stalled job.
 */
final class Heartbeat implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "etl-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    void start(ProgressPublisher events, UUID id, RunCounters counters, Duration interval) {
        timer.scheduleAtFixedRate(() -> events.publish(new EtlProgress.Heartbeat(EtlProgress.SCHEMA_VERSION, id,
                        Instant.now(), counters.lastCommittedBatch + 1, counters.rowsRead, counters.bytesRead())),
                interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
