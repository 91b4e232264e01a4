package io.taskmon.streams;

import io.taskmon.events.Alert;
import io.taskmon.events.AlertType;
import io.taskmon.events.ClockTick;
import io.taskmon.events.MonitorFlip;
import io.taskmon.events.MonitorHealth;
import io.taskmon.events.AlertState;
import io.taskmon.events.MonitorConfig;
import io.taskmon.events.MonitorSettingChanged;
import io.taskmon.events.MonitorStatsHourly;
import io.taskmon.events.MonitorStatus;
import io.taskmon.events.TaskRunReported;
import io.taskmon.events.Topics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * Applies run reports and settings to monitors: keeps each monitor's status, drops duplicate
 * reports, counts hourly stats, and sends the status, flips and alerts on. A wall-clock
 * punctuation sends the reminders of alerts that stay open while no further failure arrives.
 */
final class MonitorProcessor implements Processor<UUID, MonitorEvent, Object, Object> {

    private static final Duration STATS_CLEANUP_EVERY = Duration.ofHours(1);
    /** When a task with no event id yet writes its marker (EventIdMemory#keepOffsetTracked). */
    private static final Duration MARKER_AFTER = Duration.ofSeconds(1);
    /** Encoded bytes of recently used values kept decoded, per store and task (see {@link CachedStore}). */
    private static final long STATUSES_HELD_BYTES = 16L << 20;
    private static final long HOURS_HELD_BYTES = 8L << 20;
    private static final long SMALL_STORE_HELD_BYTES = 1L << 20;

    private final MonitorRules rules;
    private final MonitorStatusFold fold;
    private ProcessorContext<Object, Object> context;
    private Cancellable markerPunctuation;
    private final CachedStore<UUID, MonitorStatus> statuses = new CachedStore<>(MonitorStatusTopology.STATUS_STORE,
            Topics.MONITOR_STATUS.valueSerde(), STATUSES_HELD_BYTES);
    private final CachedStore<UUID, MonitorOverrides> overrides = new CachedStore<>(
            MonitorStatusTopology.OVERRIDES_STORE, MonitorStatusTopology.OVERRIDES_SERDE, SMALL_STORE_HELD_BYTES);
    private final CachedStore<UUID, Integer> openAlerts = new CachedStore<>(MonitorStatusTopology.OPEN_ALERTS_STORE,
            Serdes.Integer(), SMALL_STORE_HELD_BYTES);
    private final CachedStore<Bytes, MonitorStatsHourly> hourlyStats = new CachedStore<>(
            MonitorStatusTopology.HOURLY_STATS_STORE, Topics.MONITOR_STATS.valueSerde(), HOURS_HELD_BYTES);
    private final CachedStore<UUID, ScheduleState> schedules = new CachedStore<>(
            MonitorStatusTopology.SCHEDULES_STORE, MonitorStatusTopology.SCHEDULE_SERDE, SMALL_STORE_HELD_BYTES);
    private final CachedStore<UUID, TickClock> clocks = new CachedStore<>(MonitorStatusTopology.CLOCK_STORE,
            MonitorStatusTopology.CLOCK_SERDE, SMALL_STORE_HELD_BYTES);
    /** The clock store's one key: the clock belongs to the task, not to a monitor. */
    private static final UUID CLOCK_KEY = new UUID(0, 0);
    private final Deadlines deadlines = new Deadlines();
    private final EventIdMemory eventIds;

    MonitorProcessor(MonitorRules rules) {
        this.rules = rules;
        this.fold = new MonitorStatusFold(rules);
        this.eventIds = new EventIdMemory(rules.eventIdMemory());
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        // Called again when a task is revived after its state was wiped and restored: the
        // attached caches start empty each time.
        statuses.attach(context.getStateStore(MonitorStatusTopology.STATUS_STORE));
        overrides.attach(context.getStateStore(MonitorStatusTopology.OVERRIDES_STORE));
        openAlerts.attach(context.getStateStore(MonitorStatusTopology.OPEN_ALERTS_STORE));
        eventIds.attach(context.getStateStore(MonitorStatusTopology.EVENT_IDS_STORE));
        hourlyStats.attach(context.getStateStore(MonitorStatusTopology.HOURLY_STATS_STORE));
        schedules.attach(context.getStateStore(MonitorStatusTopology.SCHEDULES_STORE));
        clocks.attach(context.getStateStore(MonitorStatusTopology.CLOCK_STORE));
        deadlines.attach(context.getStateStore(MonitorStatusTopology.DEADLINES_STORE));
        context.schedule(rules.punctuationInterval(), PunctuationType.WALL_CLOCK_TIME, this::sendDueReminders);
        context.schedule(STATS_CLEANUP_EVERY, PunctuationType.STREAM_TIME, this::forgetOldHours);
        // Once, a moment after the task starts (a punctuation, as a store write needs one's context).
        markerPunctuation = context.schedule(MARKER_AFTER, PunctuationType.WALL_CLOCK_TIME, now -> {
            eventIds.keepOffsetTracked();
            markerPunctuation.cancel();
        });
    }

    @Override
    public void process(Record<UUID, MonitorEvent> record) {
        if (record.value() instanceof MonitorEvent.Run run) {
            onRun(record, run.run());
        } else if (record.value() instanceof MonitorEvent.Setting setting) {
            onSetting(record, setting.change());
        } else if (record.value() instanceof MonitorEvent.Tick tick) {
            onTick(record, tick.tick());
        }
    }

    private void onRun(Record<UUID, MonitorEvent> record, TaskRunReported run) {
        UUID monitorId = run.monitorId();
        if (eventIds.seen(monitorId, run.eventId(), record.timestamp())) {
            return;
        }
        MonitorStatus current = statuses.get(monitorId);
        MonitorOverrides own = Optional.ofNullable(overrides.get(monitorId)).orElse(MonitorOverrides.NONE);
        MonitorOverrides told = toldBy(own, current, run);
        if (!told.equals(own)) {
            own = told;
            overrides.put(monitorId, own);
        }
        Integer reminders = openAlerts.get(monitorId);
        MonitorStatusFold.Outcome outcome = own.config() == null
                ? fold.onRun(current, run, own, reminders == null ? 0 : reminders, now())
                : onScheduledRun(current, run, own, reminders == null ? 0 : reminders);
        send(record, outcome, store(outcome, reminders));
        if (run.status().isFinished()) {
            countInHour(record, run, RunVerdict.of(run, own.config()));
        }
        eventIds.remember(monitorId, run.eventId(), record.timestamp());
    }

    /**
     * The monitor's overrides after {@code run}: the threshold and configuration it carries apply
     * from it on, unless it is late (an older report does not undo what a newer one set). A report's
     * own {@code alert_after_failures} is more specific than its configuration's.
     */
    private static MonitorOverrides toldBy(MonitorOverrides own, MonitorStatus current, TaskRunReported run) {
        if (MonitorStatusFold.isLate(current, run)) {
            return own;
        }
        MonitorOverrides told = own;
        MonitorConfig config = run.monitorConfig();
        if (config != null) {
            told = told.withConfig(config);
        }
        Integer threshold = run.alertAfterFailures() != null ? run.alertAfterFailures()
                : config == null ? null : config.alertAfterFailures();
        if (threshold != null) {
            told = told.withAlertAfterFailures(threshold);
        }
        return told;
    }

    /**
     * A run of a monitor with a configuration: a run that ends a MISSED or TIMEOUT closes its
     * alert and gives the monitor its health back, then the run is judged as usual (counted as its
     * {@link RunVerdict} says), and its schedule moves on with new deadlines.
     */
    private MonitorStatusFold.Outcome onScheduledRun(MonitorStatus current, TaskRunReported run, MonitorOverrides own,
                                                     int remindersSent) {
        UUID monitorId = run.monitorId();
        ScheduleState before = Optional.ofNullable(schedules.get(monitorId)).orElse(ScheduleState.NONE);
        if (before.healthBefore() == null && current != null) {
            // Configured after runs without a configuration: what those runs said stands.
            before = before.withRunHealth(current.health());
        }
        RunVerdict verdict = RunVerdict.of(run, own.config());
        if (MonitorStatusFold.isLate(current, run)) {
            return fold.onRun(current, run, verdict, own, remindersSent, before.successesInRow(), now());
        }
        List<Alert> alerts = new ArrayList<>();
        MonitorHealth judgedBefore = current == null ? MonitorHealth.NEW : ScheduleHealth.judged(before);
        MonitorStatus judged = current == null ? null : current.withHealth(before.runHealth());
        int reminders = remindersSent;
        String endReason = null;
        if (current != null && ScheduleJudge.ends(before, run)) {
            if (current.alertState() == AlertState.ALERTING && before.alertId() != null
                    && before.alertId().equals(current.openAlertId())) {
                alerts.add(ScheduleJudge.recovered(current.withHealth(judgedBefore), run, now()));
                judged = ScheduleJudge.withAlert(judged, AlertState.NONE, null, current.lastAlertAt());
                reminders = 0;
            }
            endReason = before.missed() ? "a run started" : "the timed-out run finished";
        }
        int successes = verdict.isSuccess() ? before.successesInRow() + 1
                : verdict.isFailure() ? 0 : before.successesInRow();
        MonitorStatusFold.Outcome outcome = fold.onRun(judged, run, verdict, own, reminders, successes, now());
        alerts.addAll(outcome.alerts());

        boolean newConfig = current == null || !own.config().equals(current.monitorConfig());
        ScheduleState after = ScheduleJudge.afterRun(before, run, own.config(), newConfig)
                .withRunHealth(outcome.status().health()).withSuccessesInRow(successes);
        replaceDeadlines(monitorId, before, after);
        schedules.put(monitorId, after);

        MonitorStatus status = outcome.status().withHealth(ScheduleHealth.shown(after, own.enabled(), horizon()))
                .withSchedule(own.config(), after.expectedAt());
        MonitorHealth judgedAfter = ScheduleHealth.judged(after);
        MonitorFlip flip = judgedAfter == judgedBefore ? null : ScheduleJudge.flip(monitorId, run.eventId(),
                judgedBefore, judgedAfter, outcome.flip() != null ? outcome.flip().reason() : endReason,
                run.occurredAt());
        return new MonitorStatusFold.Outcome(status, flip, alerts, outcome.remindersSent());
    }

    private void replaceDeadlines(UUID monitorId, ScheduleState before, ScheduleState after) {
        deadlines.remove(before.missedAt(), monitorId, Deadlines.Kind.MISSED);
        deadlines.remove(before.timeoutAt(), monitorId, Deadlines.Kind.TIMEOUT);
        deadlines.remove(before.expectedAt(), monitorId, Deadlines.Kind.LATE);
        deadlines.add(after.missedAt(), monitorId, Deadlines.Kind.MISSED);
        if (!after.timedOut()) {
            deadlines.add(after.timeoutAt(), monitorId, Deadlines.Kind.TIMEOUT);
        }
        if (!after.missed()) {
            deadlines.add(after.expectedAt(), monitorId, Deadlines.Kind.LATE);
        }
    }

    /** Time passes: the deadlines the clock now passes are judged. */
    private void onTick(Record<UUID, MonitorEvent> record, ClockTick tick) {
        TickClock clock = Optional.ofNullable(clocks.get(CLOCK_KEY)).orElse(TickClock.NONE)
                .advance(tick, rules.clock());
        clocks.put(CLOCK_KEY, clock);
        Instant horizon = clock.horizon();
        if (horizon == null) {
            return;
        }
        for (Deadlines.Due due : deadlines.takeDue(horizon)) {
            MonitorStatus status = statuses.get(due.monitorId());
            ScheduleState state = schedules.get(due.monitorId());
            if (status == null || state == null || status.monitorConfig() == null) {
                continue;
            }
            Integer reminders = openAlerts.get(due.monitorId());
            int sent = reminders == null ? 0 : reminders;
            Optional<MonitorStatusFold.Outcome> outcome = switch (due.kind()) {
                case MISSED -> missed(status, state, due.at(), clock.clock(), horizon, sent);
                case TIMEOUT -> timedOut(status, state, due.at(), clock.clock(), horizon, sent);
                case LATE -> late(status, state, due.at(), horizon, sent);
            };
            outcome.ifPresent(o -> send(record.withKey(due.monitorId()), o, store(o, reminders)));
        }
    }

    /**
     * No run started by expected + grace. The first time: MISSED. Already missed: no new alert,
     * but the monitor keeps expecting, so its next expected time and reminders go on.
     */
    private Optional<MonitorStatusFold.Outcome> missed(MonitorStatus status, ScheduleState state, Instant due,
                                                       Instant now, Instant horizon, int reminders) {
        if (!due.equals(state.missedAt())) {
            return Optional.empty();
        }
        ScheduleState next = ScheduleJudge.keepExpecting(state, status.monitorConfig(), horizon);
        if (state.missed()) {
            deadlines.add(next.missedAt(), status.monitorId(), Deadlines.Kind.MISSED);
            schedules.put(status.monitorId(), next);
            return Optional.of(new MonitorStatusFold.Outcome(
                    status.withSchedule(status.monitorConfig(), next.expectedAt()), null, List.of(), reminders));
        }
        String summary = "%s missed its run: none started between %s and %s.".formatted(
                MonitorStatusFold.describe(status), state.expectedAt(), due);
        return Optional.of(deadlinePassed(status, state, next, AlertType.MISSED, due, now, horizon, summary,
                "no run started by " + due, reminders));
    }

    private Optional<MonitorStatusFold.Outcome> timedOut(MonitorStatus status, ScheduleState state, Instant due,
                                                         Instant now, Instant horizon, int reminders) {
        if (state.timedOut() || state.runningRunId() == null || !due.equals(state.timeoutAt())) {
            return Optional.empty();
        }
        String summary = "%s timed out: run %s started and did not finish by %s.".formatted(
                MonitorStatusFold.describe(status), state.runningRunId(), due);
        return Optional.of(deadlinePassed(status, state, state.withTimedOut(), AlertType.TIMEOUT, due, now, horizon,
                summary, "run not finished by " + due, reminders));
    }

    /** The expected time passed and no run started yet: shown late, not flipped, until the grace ends. */
    private Optional<MonitorStatusFold.Outcome> late(MonitorStatus status, ScheduleState state, Instant due,
                                                     Instant horizon, int reminders) {
        MonitorHealth shown = ScheduleHealth.shown(state, status.enabled(), horizon);
        if (!due.equals(state.expectedAt()) || shown == status.health()) {
            return Optional.empty();
        }
        return Optional.of(new MonitorStatusFold.Outcome(status.withHealth(shown), null, List.of(), reminders));
    }

    /**
     * One alert per incident: a deadline that passes while an alert is open (or the monitor is
     * disabled) changes the health but raises nothing new. The reminders already sent for an open
     * alert stay counted, so their numbers (and ids) go on.
     */
    private MonitorStatusFold.Outcome deadlinePassed(MonitorStatus status, ScheduleState before, ScheduleState after,
                                                     AlertType type, Instant due, Instant now, Instant horizon,
                                                     String summary, String reason, int reminders) {
        MonitorStatus judged = status;
        List<Alert> alerts = List.of();
        ScheduleState kept = after;
        int sent = reminders;
        if (status.alertState() == AlertState.NONE && status.enabled()) {
            Alert alert = ScheduleJudge.raised(status, type, due, now, summary);
            alerts = List.of(alert);
            judged = ScheduleJudge.withAlert(status, AlertState.ALERTING, alert.alertId(), now);
            kept = after.withAlert(alert.alertId(), due);
            sent = 0;
        }
        schedules.put(status.monitorId(), kept);
        if (kept.missed()) {
            deadlines.add(kept.missedAt(), status.monitorId(), Deadlines.Kind.MISSED);
        }
        MonitorStatus shown = judged.withHealth(ScheduleHealth.shown(kept, status.enabled(), horizon))
                .withSchedule(status.monitorConfig(), kept.expectedAt());
        MonitorHealth from = ScheduleHealth.judged(before);
        MonitorHealth to = ScheduleHealth.judged(kept);
        MonitorFlip flip = from == to ? null : ScheduleJudge.flip(status.monitorId(),
                AlertIds.of(status.monitorId(), type, due, 0), from, to, reason, due);
        return new MonitorStatusFold.Outcome(shown, flip, alerts, sent);
    }

    /** The settled tick time of this task, or {@code null} before its first settled tick. */
    private Instant horizon() {
        TickClock clock = clocks.get(CLOCK_KEY);
        return clock == null ? null : clock.horizon();
    }

    /** A person's change over the admin API: enable or disable, create, configure or delete. */
    private void onSetting(Record<UUID, MonitorEvent> record, MonitorSettingChanged change) {
        switch (change.changeOrEnabled()) {
            case ENABLED -> onEnabled(record, change);
            case CREATED -> onCreated(record, change);
            case CONFIGURED -> onConfigured(record, change);
            case DELETED -> onDeleted(record, change.monitorId());
        }
    }

    private void onEnabled(Record<UUID, MonitorEvent> record, MonitorSettingChanged change) {
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
        ScheduleState state = own.config() == null ? null : schedules.get(monitorId);
        if (state != null) {
            outcome = new MonitorStatusFold.Outcome(outcome.status().withHealth(
                    ScheduleHealth.shown(state, change.enabled(), horizon())), null, outcome.alerts(),
                    outcome.remindersSent());
        }
        send(record, outcome, store(outcome, reminders));
    }

    /**
     * A monitor created ahead of its first run: {@code new}, with its configuration, so its
     * deadlines are judged from now on. Created again while it exists, it keeps its runs and
     * takes the new name, labels and configuration.
     */
    private void onCreated(Record<UUID, MonitorEvent> record, MonitorSettingChanged change) {
        UUID monitorId = change.monitorId();
        MonitorOverrides own = configure(monitorId, change.monitorConfig());
        int threshold = own.thresholdOr(rules.alertAfterFailures());
        MonitorStatus current = statuses.get(monitorId);
        MonitorStatus defined = current == null
                ? MonitorStatus.created(monitorId, change.taskKey(), change.taskName(), change.kind(),
                        change.machineName(), threshold, own.enabled(), null, change.labels())
                : current.withDefinition(change.taskName(), threshold, change.labels());
        reschedule(record, defined, own, change.changedAt());
    }

    /** A configuration replaced: from the change on, the new schedule and thresholds apply. */
    private void onConfigured(Record<UUID, MonitorEvent> record, MonitorSettingChanged change) {
        UUID monitorId = change.monitorId();
        MonitorOverrides own = configure(monitorId, change.monitorConfig());
        MonitorStatus current = statuses.get(monitorId);
        if (current == null) {
            // Not seen yet: the configuration above applies from its first run on.
            return;
        }
        reschedule(record, current.withDefinition(current.taskName(), own.thresholdOr(rules.alertAfterFailures()),
                current.labels()), own, change.changedAt());
    }

    /** Keeps {@code config} as the monitor's own, with the threshold it names. */
    private MonitorOverrides configure(UUID monitorId, MonitorConfig config) {
        MonitorOverrides own = Optional.ofNullable(overrides.get(monitorId)).orElse(MonitorOverrides.NONE)
                .withConfig(config);
        if (config != null && config.alertAfterFailures() != null) {
            own = own.withAlertAfterFailures(config.alertAfterFailures());
        }
        if (own.isDefault()) {
            overrides.delete(monitorId);
        } else {
            overrides.put(monitorId, own);
        }
        return own;
    }

    /**
     * The monitor's schedule starts afresh at the change: the next expected time is the first one
     * after it. A monitor that is missed stays missed (no run has come) with its open alert; a run
     * still running gets the new maximum run time from its start.
     */
    private void reschedule(Record<UUID, MonitorEvent> record, MonitorStatus status, MonitorOverrides own,
                            Instant at) {
        UUID monitorId = status.monitorId();
        ScheduleState before = schedules.get(monitorId);
        MonitorStatus updated;
        if (own.config() == null) {
            MonitorHealth runHealth = status.health();
            if (before != null) {
                replaceDeadlines(monitorId, before, ScheduleState.NONE);
                schedules.delete(monitorId);
                runHealth = before.runHealth();
            }
            updated = status.withHealth(runHealth).withSchedule(null, null);
        } else {
            ScheduleState from = before == null || before.healthBefore() == null
                    ? Optional.ofNullable(before).orElse(ScheduleState.NONE).withRunHealth(status.health()) : before;
            ScheduleState after = ScheduleJudge.configured(from, own.config(), at, status.lastStartedAt());
            replaceDeadlines(monitorId, from, after);
            schedules.put(monitorId, after);
            updated = status.withHealth(ScheduleHealth.shown(after, own.enabled(), horizon()))
                    .withSchedule(own.config(), after.expectedAt());
        }
        Integer reminders = openAlerts.get(monitorId);
        MonitorStatusFold.Outcome outcome = new MonitorStatusFold.Outcome(updated, null, List.of(),
                reminders == null ? 0 : reminders);
        send(record, outcome, store(outcome, reminders));
    }

    /**
     * Forgets the monitor: its status, settings, open alert, schedule and deadlines (so no MISSED
     * follows) and its hours, then sends a tombstone on the compacted status topic, which the
     * projector honours by deleting the monitor's rows. A later report creates it afresh.
     */
    private void onDeleted(Record<UUID, MonitorEvent> record, UUID monitorId) {
        ScheduleState state = schedules.get(monitorId);
        if (state != null) {
            replaceDeadlines(monitorId, state, ScheduleState.NONE);
            schedules.delete(monitorId);
        }
        overrides.delete(monitorId);
        openAlerts.delete(monitorId);
        statuses.delete(monitorId);
        forgetHours(monitorId);
        context.forward(new Record<>(monitorId, null, record.timestamp()), MonitorStatusTopology.STATUS_SINK);
    }

    /**
     * Drops the monitor's hours still kept (within the stats retention by stream time, and a day
     * ahead for runs that report a time past it), so a monitor created afresh counts from zero.
     * Hour-first keys make this one lookup per hour, never a scan of every monitor.
     */
    private void forgetHours(UUID monitorId) {
        long streamMs = Math.max(0, context.currentStreamTimeMs());
        Instant hour = Instant.ofEpochMilli(Math.max(0, streamMs - rules.statsRetention().toMillis()))
                .truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
        Instant last = Instant.ofEpochMilli(streamMs).plus(Duration.ofDays(1));
        for (; !hour.isAfter(last); hour = hour.plus(Duration.ofHours(1))) {
            Bytes key = hourKey(hour, monitorId);
            if (hourlyStats.get(key) != null) {
                hourlyStats.delete(key);
            }
        }
    }

    /** Reminders for open alerts whose repeat interval passed without a failure to carry them. */
    private void sendDueReminders(long wallClockMs) {
        Instant now = Instant.ofEpochMilli(wallClockMs);
        List<KeyValue<UUID, Integer>> open = new ArrayList<>();
        openAlerts.forEach((monitorId, remindersSent) -> open.add(KeyValue.pair(monitorId, remindersSent)));
        for (KeyValue<UUID, Integer> alert : open) {
            MonitorStatus status = statuses.get(alert.key);
            if (status == null) {
                continue;
            }
            Optional<MonitorStatusFold.Outcome> reminder = reminderIfDue(status, alert.value, now);
            if (reminder.isPresent()) {
                send(new Record<>(alert.key, null, wallClockMs), reminder.get(), store(reminder.get(), alert.value));
            }
        }
    }

    /**
     * For a monitor with a schedule the reminder is judged on the health the alert is about (a
     * failing monitor shown running is still failing), and a MISSED or TIMEOUT incident names its
     * reminders by the deadline that opened it.
     */
    private Optional<MonitorStatusFold.Outcome> reminderIfDue(MonitorStatus status, int sent, Instant now) {
        ScheduleState state = status.monitorConfig() == null ? null : schedules.get(status.monitorId());
        if (state == null) {
            return fold.reminderIfDue(status, sent, now);
        }
        Instant since = state.alertId() != null && state.alertId().equals(status.openAlertId())
                ? state.alertSince() : status.streakStartedAt();
        return fold.reminderIfDue(status.withHealth(ScheduleHealth.judged(state)), sent, now, since)
                .map(o -> new MonitorStatusFold.Outcome(o.status().withHealth(status.health()), o.flip(), o.alerts(),
                        o.remindersSent()));
    }

    /** Stores the outcome and returns the status as stored, encoded, to be forwarded as it is. */
    private byte[] store(MonitorStatusFold.Outcome outcome, Integer remindersBefore) {
        MonitorStatus status = outcome.status();
        byte[] encoded = statuses.put(status.monitorId(), status);
        if (status.alertState() == AlertState.ALERTING) {
            if (remindersBefore == null || remindersBefore != outcome.remindersSent()) {
                openAlerts.put(status.monitorId(), outcome.remindersSent());
            }
        } else if (remindersBefore != null) {
            openAlerts.delete(status.monitorId());
        }
        return encoded;
    }

    private void send(Record<UUID, ?> cause, MonitorStatusFold.Outcome outcome, byte[] encodedStatus) {
        UUID monitorId = outcome.status().monitorId();
        long timestamp = cause.timestamp();
        context.forward(new Record<>(monitorId, encodedStatus, timestamp), MonitorStatusTopology.STATUS_SINK);
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
    private void countInHour(Record<UUID, MonitorEvent> record, TaskRunReported run, RunVerdict verdict) {
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
                        verdict.isFailure() ? 1 : 0, duration, duration, records)
                : new MonitorStatsHourly(MonitorStatsHourly.SCHEMA_VERSION, run.monitorId(), hourStart,
                        before.runs() + 1, before.failures() + (verdict.isFailure() ? 1 : 0),
                        before.totalDurationMs() + duration, Math.max(before.maxDurationMs(), duration),
                        before.recordsProcessed() + records);
        byte[] encoded = hourlyStats.put(key, after);
        context.forward(new Record<>(run.monitorId(), encoded, record.timestamp()), MonitorStatusTopology.STATS_SINK);
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
        try (KeyValueIterator<Bytes, byte[]> range = hourlyStats.range(from, to)) {
            range.forEachRemaining(entry -> old.add(entry.key));
        }
        old.forEach(hourlyStats::delete);
    }

    private Instant now() {
        return Instant.ofEpochMilli(context.currentSystemTimeMs());
    }

    private static Bytes hourKey(Instant hourStart, UUID monitorId) {
        return Bytes.wrap(ByteBuffer.allocate(24)
                .putLong(hourStart.toEpochMilli())
                .putLong(monitorId.getMostSignificantBits()).putLong(monitorId.getLeastSignificantBits())
                .array());
    }
}
