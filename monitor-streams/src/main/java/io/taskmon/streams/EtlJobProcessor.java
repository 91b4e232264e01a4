package io.taskmon.streams;

import io.taskmon.events.Alert;
import io.taskmon.events.EtlJobStatus;
import io.taskmon.events.EtlProgress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the state of every ETL job run from its progress events and sends it on with the alerts
 * it raises. A wall-clock punctuation finds running jobs that have not moved forward: a stalled
 * job sends nothing or only heartbeats, so no progress event could ever notice it.
 */
final class EtlJobProcessor implements Processor<UUID, EtlProgress, Object, Object> {

    private final MonitorRules rules;
    private final EtlJobFold fold;
    private final ErrorBurstWatch bursts;
    private ProcessorContext<Object, Object> context;
    private KeyValueStore<UUID, EtlJobStatus> jobs;
    private KeyValueStore<UUID, Long> activeJobs;
    private KeyValueStore<UUID, ErrorBurst> errorBursts;

    EtlJobProcessor(MonitorRules rules) {
        this.rules = rules;
        this.fold = new EtlJobFold(rules);
        this.bursts = new ErrorBurstWatch(rules.etlErrorBurst());
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        jobs = context.getStateStore(MonitorStatusTopology.ETL_JOBS_STORE);
        activeJobs = context.getStateStore(MonitorStatusTopology.ETL_ACTIVE_JOBS_STORE);
        errorBursts = context.getStateStore(MonitorStatusTopology.ETL_ERROR_BURSTS_STORE);
        context.schedule(rules.punctuationInterval(), PunctuationType.WALL_CLOCK_TIME, this::stallSilentJobs);
    }

    @Override
    public void process(Record<UUID, EtlProgress> record) {
        EtlJobFold.Outcome outcome = fold.onProgress(jobs.get(record.key()), record.value());
        if (outcome.status() != null) {
            store(outcome.status());
            send(record.key(), outcome, record.timestamp());
            watchErrorBursts(record, outcome.status());
        }
    }

    private void watchErrorBursts(Record<UUID, EtlProgress> record, EtlJobStatus job) {
        ErrorBurst current = errorBursts.get(record.key());
        ErrorBurstWatch.Outcome burst = bursts.onProgress(current, job, record.value());
        if (burst.burst() == null) {
            if (current != null) {
                errorBursts.delete(record.key());
            }
        } else if (!burst.burst().equals(current == null ? ErrorBurst.NONE : current)) {
            // Most events change nothing here (no rejected rows): no store write, no changelog record.
            errorBursts.put(record.key(), burst.burst());
        }
        for (Alert alert : burst.alerts()) {
            context.forward(new Record<>(record.key(), alert, record.timestamp()), MonitorStatusTopology.ETL_ALERTS_SINK);
        }
    }

    private void stallSilentJobs(long wallClockMs) {
        Instant now = Instant.ofEpochMilli(wallClockMs);
        long stillSince = wallClockMs - rules.etlStallTimeout().toMillis();
        List<UUID> candidates = new ArrayList<>();
        try (KeyValueIterator<UUID, Long> all = activeJobs.all()) {
            all.forEachRemaining((KeyValue<UUID, Long> job) -> {
                if (job.value <= stillSince) {
                    candidates.add(job.key);
                }
            });
        }
        for (UUID jobRunId : candidates) {
            Optional<EtlJobFold.Outcome> stall = fold.stallIfDue(jobs.get(jobRunId), now);
            if (stall.isPresent()) {
                store(stall.get().status());
                send(jobRunId, stall.get(), wallClockMs);
            }
        }
    }

    /** A finished run leaves the active set; a running or stalled one is (re)filed under its last progress. */
    private void store(EtlJobStatus status) {
        jobs.put(status.jobRunId(), status);
        if (status.status().isFinished()) {
            activeJobs.delete(status.jobRunId());
        } else if (status.stallClock() != null) {
            activeJobs.put(status.jobRunId(), status.stallClock().toEpochMilli());
        }
    }

    private void send(UUID jobRunId, EtlJobFold.Outcome outcome, long timestamp) {
        context.forward(new Record<>(jobRunId, outcome.status(), timestamp), MonitorStatusTopology.ETL_JOBS_SINK);
        for (Alert alert : outcome.alerts()) {
            context.forward(new Record<>(jobRunId, alert, timestamp), MonitorStatusTopology.ETL_ALERTS_SINK);
        }
    }
}
