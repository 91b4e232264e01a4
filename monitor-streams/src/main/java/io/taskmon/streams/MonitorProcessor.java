package io.taskmon.streams;

import io.taskmon.events.Alert;
import io.taskmon.events.AlertState;
import io.taskmon.events.MonitorSettingChanged;
import io.taskmon.events.MonitorStatsHourly;
import io.taskmon.events.MonitorStatus;
import io.taskmon.events.RunStatus;
import io.taskmon.events.TaskRunReported;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Applies run reports and settings to monitors: keeps each monitor's status, drops duplicate
 * reports, counts hourly stats, and sends the status, flips and alerts on. A wall-clock
 * punctuation sends the reminders of alerts that stay open while no further failure arrives.
 */
final class MonitorProcessor implements Processor<UUID, MonitorEvent, Object, Object> {

    private static final byte[] SEEN = new byte[] {1};
    private static final Duration STATS_CLEANUP_EVERY = Duration.ofHours(1);

    private final MonitorRules rules;
    private final MonitorStatusFold fold;
    private ProcessorContext<Object, Object> context;
    private KeyValueStore<UUID, MonitorStatus> statuses;
    private KeyValueStore<UUID, MonitorOverrides> overrides;
    private KeyValueStore<UUID, Integer> openAlerts;
    private WindowStore<Bytes, byte[]> eventIds;
    private KeyValueStore<Bytes, MonitorStatsHourly> hourlyStats;

    MonitorProcessor(MonitorRules rules) {
        this.rules = rules;
        this.fold = new MonitorStatusFold(rules);
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        statuses = context.getStateStore(MonitorStatusTopology.STATUS_STORE);
        overrides = context.getStateStore(MonitorStatusTopology.OVERRIDES_STORE);
        openAlerts = context.getStateStore(MonitorStatusTopology.OPEN_ALERTS_STORE);
        eventIds = context.getStateStore(MonitorStatusTopology.EVENT_IDS_STORE);
        hourlyStats = context.getStateStore(MonitorStatusTopology.HOURLY_STATS_STORE);
        context.schedule(rules.punctuationInterval(), PunctuationType.WALL_CLOCK_TIME, this::sendDueReminders);
        context.schedule(STATS_CLEANUP_EVERY, PunctuationType.STREAM_TIME, this::forgetOldHours);
    }

    @Override
    public void process(Record<UUID, MonitorEvent> record) {
        if (record.value() instanceof MonitorEvent.Run run) {
            onRun(record, run.run());
        } else if (record.value() instanceof MonitorEvent.Setting setting) {
            onSetting(record, setting.change());
        }
    }

    private void onRun(Record<UUID, MonitorEvent> record, TaskRunReported run) {
        UUID monitorId = run.monitorId();
        Bytes eventKey = eventKey(monitorId, run.eventId());
        if (seenBefore(eventKey, record.timestamp())) {
            return;
        }
        MonitorStatus current = statuses.get(monitorId);
        MonitorOverrides own = Optional.ofNullable(overrides.get(monitorId)).orElse(MonitorOverrides.NONE);
        if (run.alertAfterFailures() != null && !MonitorStatusFold.isLate(current, run)
                && !run.alertAfterFailures().equals(own.alertAfterFailures())) {
            own = own.withAlertAfterFailures(run.alertAfterFailures());
            overrides.put(monitorId, own);
        }
        Integer reminders = openAlerts.get(monitorId);
        MonitorStatusFold.Outcome outcome = fold.onRun(current, run, own, reminders == null ? 0 : reminders,
                now());
        store(outcome, reminders);
        send(record, outcome);
        if (run.status() != RunStatus.RUNNING) {
            countInHour(record, run);
        }
        eventIds.put(eventKey, SEEN, record.timestamp());
    }

    private void onSetting(Record<UUID, MonitorEvent> record, MonitorSettingChanged change) {
        UUID monitorId = change.monitorId();
        MonitorOverrides own = Optional.ofNullable(overrides.get(monitorId)).orElse(MonitorOverrides.NONE)
                .withEnabled(change.enabled());
        if (own.isDefault()) {
            overrides.delete(monitorId);
        } else {
            overrides.put(monitorId, own);
        }
        MonitorStatus current = statuses.get(monitorId);
        if (current == null || current.enabled() == change.enabled()) {
            // Not seen yet: the override above applies from its first run on.
            return;
        }
        Integer reminders = openAlerts.get(monitorId);
        MonitorStatusFold.Outcome outcome = fold.onSetting(current, change.enabled(), reminders == null ? 0 : reminders);
        store(outcome, reminders);
        send(record, outcome);
    }

    /** Reminders for open alerts whose repeat interval passed without a failure to carry them. */
    private void sendDueReminders(long wallClockMs) {
        Instant now = Instant.ofEpochMilli(wallClockMs);
        List<KeyValue<UUID, Integer>> open = new ArrayList<>();
        try (KeyValueIterator<UUID, Integer> all = openAlerts.all()) {
            all.forEachRemaining(open::add);
        }
        for (KeyValue<UUID, Integer> alert : open) {
            MonitorStatus status = statuses.get(alert.key);
            if (status == null) {
                continue;
            }
            Optional<MonitorStatusFold.Outcome> reminder = fold.reminderIfDue(status, alert.value, now);
            if (reminder.isPresent()) {
                store(reminder.get(), alert.value);
                send(new Record<>(alert.key, null, wallClockMs), reminder.get());
            }
        }
    }

    private void store(MonitorStatusFold.Outcome outcome, Integer remindersBefore) {
        MonitorStatus status = outcome.status();
        statuses.put(status.monitorId(), status);
        if (status.alertState() == AlertState.ALERTING) {
            if (remindersBefore == null || remindersBefore != outcome.remindersSent()) {
                openAlerts.put(status.monitorId(), outcome.remindersSent());
            }
        } else if (remindersBefore != null) {
            openAlerts.delete(status.monitorId());
        }
    }

    private void send(Record<UUID, ?> cause, MonitorStatusFold.Outcome outcome) {
        UUID monitorId = outcome.status().monitorId();
        long timestamp = cause.timestamp();
        context.forward(new Record<>(monitorId, outcome.status(), timestamp), MonitorStatusTopology.STATUS_SINK);
        if (outcome.flip() != null) {
            context.forward(new Record<>(monitorId, outcome.flip(), timestamp), MonitorStatusTopology.FLIPS_SINK);
        }
        for (Alert alert : outcome.alerts()) {
            context.forward(new Record<>(monitorId, alert, timestamp), MonitorStatusTopology.MONITOR_ALERTS_SINK);
        }
    }

    /**
     * Adds a finished run to its monitor's UTC hour, late runs included, and publishes the hour's
     * totals. An hour older than the stats retention (by stream time) is final: its entry may be
     * gone, and publishing this run alone would overwrite the hour's real totals downstream.
     */
    private void countInHour(Record<UUID, MonitorEvent> record, TaskRunReported run) {
        Instant hourStart = run.occurredAt().truncatedTo(ChronoUnit.HOURS);
        if (hourStart.plus(Duration.ofHours(1)).plus(rules.statsRetention())
                .isBefore(Instant.ofEpochMilli(context.currentStreamTimeMs()))) {
            return;
        }
        Bytes key = hourKey(hourStart, run.monitorId());
        MonitorStatsHourly before = hourlyStats.get(key);
        long duration = run.durationMs() == null ? 0 : Math.max(0, run.durationMs());
        long records = run.recordsProcessed() == null ? 0 : run.recordsProcessed();
        MonitorStatsHourly after = before == null
                ? new MonitorStatsHourly(MonitorStatsHourly.SCHEMA_VERSION, run.monitorId(), hourStart, 1,
                        run.status() == RunStatus.FAILED ? 1 : 0, duration, duration, records)
                : new MonitorStatsHourly(MonitorStatsHourly.SCHEMA_VERSION, run.monitorId(), hourStart,
                        before.runs() + 1, before.failures() + (run.status() == RunStatus.FAILED ? 1 : 0),
                        before.totalDurationMs() + duration, Math.max(before.maxDurationMs(), duration),
                        before.recordsProcessed() + records);
        hourlyStats.put(key, after);
        context.forward(new Record<>(run.monitorId(), after, record.timestamp()), MonitorStatusTopology.STATS_SINK);
    }

    /** Drops hours past the stats retention; hour-first keys make them one range at the start. */
    private void forgetOldHours(long streamTimeMs) {
        long cutoff = streamTimeMs - rules.statsRetention().toMillis() - Duration.ofHours(1).toMillis();
        if (cutoff <= 0) {
            return;
        }
        List<Bytes> old = new ArrayList<>();
        Bytes from = Bytes.wrap(new byte[24]);
        Bytes to = hourKey(Instant.ofEpochMilli(cutoff), new UUID(-1L, -1L));
        try (KeyValueIterator<Bytes, MonitorStatsHourly> range = hourlyStats.range(from, to)) {
            range.forEachRemaining(entry -> old.add(entry.key));
        }
        old.forEach(hourlyStats::delete);
    }

    /** Whether this monitor already had this event id within the event id memory. */
    private boolean seenBefore(Bytes eventKey, long timestamp) {
        long memory = rules.eventIdMemory().toMillis();
        try (WindowStoreIterator<byte[]> seen = eventIds.fetch(eventKey, Math.max(0, timestamp - memory), timestamp + memory)) {
            return seen.hasNext();
        }
    }

    private Instant now() {
        return Instant.ofEpochMilli(context.currentSystemTimeMs());
    }

    private static Bytes eventKey(UUID monitorId, UUID eventId) {
        return Bytes.wrap(ByteBuffer.allocate(32)
                .putLong(monitorId.getMostSignificantBits()).putLong(monitorId.getLeastSignificantBits())
                .putLong(eventId.getMostSignificantBits()).putLong(eventId.getLeastSignificantBits())
                .array());
    }

    private static Bytes hourKey(Instant hourStart, UUID monitorId) {
        return Bytes.wrap(ByteBuffer.allocate(24)
                .putLong(hourStart.toEpochMilli())
                .putLong(monitorId.getMostSignificantBits()).putLong(monitorId.getLeastSignificantBits())
                .array());
    }
}
