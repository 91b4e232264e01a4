package io.taskmon.events;

import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Every taskmon topic. The single place a topic name or serde is written down. */
public final class Topics {

    /** Keys of per-monitor topics: the monitor id as its canonical string. */
    public static final Serde<UUID> MONITOR_ID_SERDE = Serdes.UUID();

    /** Run reports accepted by the gateway; kept long because the read model replays from it. */
    public static final Topic<UUID, TaskRunReported> TASK_RUNS = new Topic<>(
            "taskmon.task-runs.v1", MONITOR_ID_SERDE, new JsonSerde<>(TaskRunReported.class),
            Topic.Retention.LONG_DELETE);

    /** The latest status of each monitor, as a compacted table. */
    public static final Topic<UUID, MonitorStatus> MONITOR_STATUS = new Topic<>(
            "taskmon.monitor-status.v1", MONITOR_ID_SERDE, new JsonSerde<>(MonitorStatus.class),
            Topic.Retention.COMPACT);

    /** Alerts about monitors (keyed by monitor id) and ETL job runs (keyed by job run id). */
    public static final Topic<UUID, Alert> ALERTS = new Topic<>(
            "taskmon.alerts.v1", MONITOR_ID_SERDE, new JsonSerde<>(Alert.class), Topic.Retention.LONG_DELETE);

    /** Every change of a monitor's health, the history the dashboard draws. */
    public static final Topic<UUID, MonitorFlip> MONITOR_FLIPS = new Topic<>(
            "taskmon.monitor-flips.v1", MONITOR_ID_SERDE, new JsonSerde<>(MonitorFlip.class),
            Topic.Retention.LONG_DELETE);

    /**
     * Hourly run totals per monitor. Not compacted although each record supersedes the one
     * before it for the same hour: the key is the monitor, so compaction would keep only its
     * latest hour and a rebuild would lose the trend.
     */
    public static final Topic<UUID, MonitorStatsHourly> MONITOR_STATS = new Topic<>(
            "taskmon.monitor-stats.v1", MONITOR_ID_SERDE, new JsonSerde<>(MonitorStatsHourly.class),
            Topic.Retention.LONG_DELETE);

    /** Changes people make to a monitor (enable, disable), written by the dashboard's API. */
    public static final Topic<UUID, MonitorSettingChanged> MONITOR_SETTINGS = new Topic<>(
            "taskmon.monitor-settings.v1", MONITOR_ID_SERDE, new JsonSerde<>(MonitorSettingChanged.class),
            Topic.Retention.LONG_DELETE);

    /** What ETL job runs report as they go, keyed by job run id. */
    public static final Topic<UUID, EtlProgress> ETL_PROGRESS = new Topic<>(
            "taskmon.etl-progress.v1", Serdes.UUID(), new JsonSerde<>(EtlProgress.class),
            Topic.Retention.LONG_DELETE);

    /** The current state of each ETL job run, as a compacted table. */
    public static final Topic<UUID, EtlJobStatus> ETL_JOBS = new Topic<>(
            "taskmon.etl-jobs.v1", Serdes.UUID(), new JsonSerde<>(EtlJobStatus.class), Topic.Retention.COMPACT);

    /** Records no consumer could read or process, keyed by their original key bytes. */
    public static final Topic<byte[], DeadLetter> DEAD_LETTER = new Topic<>(
            "taskmon.dead-letter.v1", Serdes.ByteArray(), new JsonSerde<>(DeadLetter.class),
            Topic.Retention.LONG_DELETE);

    /**
     * The gateways' clock: one tick a second to every partition, keyed by gateway id. A topic of
     * its own, co-partitioned with {@link #TASK_RUNS} (same partition count, a tick sent to each
     * partition number), so each monitor-streams task reads its partition's ticks in time order
     * with its runs. Not the run topic itself: that one is the read model's replay source, kept
     * for a year and read by every consumer, and ticks would outnumber runs there. A day of ticks
     * covers any catch-up.
     */
    public static final Topic<UUID, ClockTick> CLOCK_TICKS = new Topic<>(
            "taskmon.clock-ticks.v1", Serdes.UUID(), new JsonSerde<>(ClockTick.class), Topic.Retention.SHORT_DELETE);

    /**
     * The notifier's channels and routes as people configured them, keyed
     * {@code channel:<id>} or {@code route:<id>}; compacted, so it always holds the latest version
     * of each, and a deletion is a tombstone.
     */
    public static final Topic<String, NotifierSetting> NOTIFIER_CONFIG = new Topic<>(
            "taskmon.notifier-config.v1", Serdes.String(), new JsonSerde<>(NotifierSetting.class),
            Topic.Retention.COMPACT);

    /**
     * Every delivery of an alert on a channel: owed, each attempt's outcome, delivered or failed,
     * keyed by the delivery id so the steps of one delivery stay in order on one partition.
     */
    public static final Topic<UUID, Delivery> NOTIFICATIONS = new Topic<>(
            "taskmon.notifications.v1", Serdes.UUID(), new JsonSerde<>(Delivery.class),
            Topic.Retention.LONG_DELETE);

    /**
     * The topics monitor-streams reads together, partition by partition (a monitor's runs, its
     * settings and the clock on one task): they must have the same partition count.
     */
    public static final List<Topic<?, ?>> CO_PARTITIONED = List.of(TASK_RUNS, MONITOR_SETTINGS, CLOCK_TICKS);

    /** Every topic, for provisioning. */
    public static final List<Topic<?, ?>> ALL = List.of(TASK_RUNS, MONITOR_STATUS, ALERTS, MONITOR_FLIPS,
            MONITOR_STATS, MONITOR_SETTINGS, ETL_PROGRESS, ETL_JOBS, DEAD_LETTER, CLOCK_TICKS, NOTIFIER_CONFIG,
            NOTIFICATIONS);

    private Topics() {
    }
}
