package io.taskmon.streams;

import static io.taskmon.events.Topics.ALERTS;
import static io.taskmon.events.Topics.CLOCK_TICKS;
import static io.taskmon.events.Topics.DEAD_LETTER;
import static io.taskmon.events.Topics.ETL_JOBS;
import static io.taskmon.events.Topics.ETL_PROGRESS;
import static io.taskmon.events.Topics.MONITOR_FLIPS;
import static io.taskmon.events.Topics.MONITOR_SETTINGS;
import static io.taskmon.events.Topics.MONITOR_STATS;
import static io.taskmon.events.Topics.MONITOR_STATUS;
import static io.taskmon.events.Topics.TASK_RUNS;

import io.taskmon.events.JsonSerde;
import java.time.Duration;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the monitor topology; configuration and lifecycle belong to {@link MonitorStreamsApp}.
 *
 * <p>Two sub-topologies. Monitors: task-runs and monitor-settings (both keyed by monitor id, so
 * co-partitioned) -> decode -> {@link MonitorProcessor} -> monitor-status, monitor-flips, alerts,
 * monitor-stats. ETL jobs: etl-progress -> decode -> {@link EtlJobProcessor} -> etl-jobs, alerts.
 * Records that cannot be read go from the decoders to the dead-letter topic.
 */
public final class MonitorStatusTopology {

    /** The latest status of every monitor, in RocksDB with a changelog topic. */
    public static final String STATUS_STORE = "monitor-status";
    /** Monitors with their own threshold or disabled by a person. */
    public static final String OVERRIDES_STORE = "monitor-overrides";
    /** Monitors with an open alert, and how many reminders it has had: what the reminder punctuation scans. */
    public static final String OPEN_ALERTS_STORE = "monitor-open-alerts";
    /** Recent event ids per monitor, for dropping duplicate reports; windowed, so old ids expire. */
    public static final String EVENT_IDS_STORE = "monitor-event-ids";
    /** Hourly totals per monitor, keyed hour first so old hours are one range to drop. */
    public static final String HOURLY_STATS_STORE = "monitor-hourly-stats";
    /** Where each monitor with a configuration stands against its schedule. */
    public static final String SCHEDULES_STORE = "monitor-schedules";
    /** Pending deadlines keyed due time first, so a tick reads only what is due. */
    public static final String DEADLINES_STORE = "monitor-deadlines";
    /** The task's clock made of the gateways' ticks: one entry. */
    public static final String CLOCK_STORE = "monitor-clock";
    /** The state of every ETL job run. */
    public static final String ETL_JOBS_STORE = "etl-jobs";
    /** Running and stalled job runs with their last event time: what the stall punctuation scans. */
    public static final String ETL_ACTIVE_JOBS_STORE = "etl-active-jobs";
    /** Running job runs' recent rejected rows and open error burst. */
    public static final String ETL_ERROR_BURSTS_STORE = "etl-error-bursts";

    /** The encoding of the overrides store's values. */
    static final JsonSerde<MonitorOverrides> OVERRIDES_SERDE = new JsonSerde<>(MonitorOverrides.class);
    static final JsonSerde<ScheduleState> SCHEDULE_SERDE = new JsonSerde<>(ScheduleState.class);
    static final JsonSerde<TickClock> CLOCK_SERDE = new JsonSerde<>(TickClock.class);
    static final JsonSerde<ErrorBurst> ERROR_BURST_SERDE = new JsonSerde<>(ErrorBurst.class);

    static final String MONITOR_PROCESSOR = "monitor-processor";
    static final String ETL_PROCESSOR = "etl-job-processor";
    static final String STATUS_SINK = "monitor-status-sink";
    static final String FLIPS_SINK = "monitor-flips-sink";
    static final String STATS_SINK = "monitor-stats-sink";
    static final String MONITOR_ALERTS_SINK = "monitor-alerts-sink";
    static final String MONITOR_DEAD_LETTERS_SINK = "monitor-dead-letter-sink";
    static final String ETL_JOBS_SINK = "etl-jobs-sink";
    static final String ETL_ALERTS_SINK = "etl-alerts-sink";
    static final String ETL_DEAD_LETTERS_SINK = "etl-dead-letter-sink";

    private MonitorStatusTopology() {
    }

    /** The topology with the default rules. */
    public static Topology build() {
        return build(MonitorRules.defaults());
    }

    public static Topology build(MonitorRules rules) {
        Topology topology = new Topology();
        addMonitors(topology, rules);
        addEtlJobs(topology, rules);
        return topology;
    }

    private static void addMonitors(Topology topology, MonitorRules rules) {
        topology.addSource("task-runs-source", new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                TASK_RUNS.name());
        topology.addSource("monitor-settings-source", new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                MONITOR_SETTINGS.name());
        topology.addProcessor("decode-task-runs", () -> new DecodingProcessor<>(TASK_RUNS, InputDecoders::run,
                MONITOR_PROCESSOR, MONITOR_DEAD_LETTERS_SINK), "task-runs-source");
        topology.addProcessor("decode-monitor-settings", () -> new DecodingProcessor<>(MONITOR_SETTINGS,
                InputDecoders::setting, MONITOR_PROCESSOR, MONITOR_DEAD_LETTERS_SINK), "monitor-settings-source");
        // Ticks join the runs' sub-topology: the tick topic is co-partitioned with the runs, so
        // each task reads its partition's ticks in time order with its monitors' runs.
        topology.addSource("clock-ticks-source", new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                CLOCK_TICKS.name());
        topology.addProcessor("decode-clock-ticks", () -> new DecodingProcessor<>(CLOCK_TICKS, InputDecoders::tick,
                MONITOR_PROCESSOR, MONITOR_DEAD_LETTERS_SINK), "clock-ticks-source");
        topology.addProcessor(MONITOR_PROCESSOR, () -> new MonitorProcessor(rules),
                "decode-task-runs", "decode-monitor-settings", "decode-clock-ticks");

        // Values are stored encoded and decoded by the processor (CachedStore): a status or an
        // hour is encoded once, for its store and its output topic alike. CachedStore also holds
        // what Streams' record cache would: recent values for reading. That cache's other use,
        // writing a hot key once per commit instead of once per run, saves little here (each
        // run's status goes to the output topic anyway), and its bookkeeping cost a fifth of
        // the processing in a catch-up, so the monitor stores go without it.
        // Statuses live in RocksDB like the other stores, so a clean stop leaves a checkpoint and
        // the next start restores nothing. In memory they cost less per run, but every start then
        // replayed the whole status changelog, which grows with the run history, not the monitors.
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATUS_STORE),
                MONITOR_STATUS.keySerde(), Serdes.ByteArray()).withCachingDisabled(), MONITOR_PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(OVERRIDES_STORE),
                Serdes.UUID(), Serdes.ByteArray()).withCachingDisabled(), MONITOR_PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(OPEN_ALERTS_STORE),
                Serdes.UUID(), Serdes.ByteArray()).withCachingDisabled(), MONITOR_PROCESSOR);
        // Window size does not matter for a membership test; retention bounds the memory.
        topology.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(EVENT_IDS_STORE,
                rules.eventIdMemory(), Duration.ofMillis(1), false), Serdes.Bytes(),
                Serdes.ByteArray()), MONITOR_PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HOURLY_STATS_STORE),
                Serdes.Bytes(), Serdes.ByteArray()).withCachingDisabled(), MONITOR_PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SCHEDULES_STORE),
                Serdes.UUID(), Serdes.ByteArray()).withCachingDisabled(), MONITOR_PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DEADLINES_STORE),
                Serdes.Bytes(), Serdes.ByteArray()).withCachingDisabled(), MONITOR_PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CLOCK_STORE),
                Serdes.UUID(), Serdes.ByteArray()).withCachingDisabled(), MONITOR_PROCESSOR);

        topology.addSink(STATUS_SINK, MONITOR_STATUS.name(), MONITOR_STATUS.keySerde().serializer(),
                new ByteArraySerializer(), MONITOR_PROCESSOR);
        topology.addSink(FLIPS_SINK, MONITOR_FLIPS.name(), MONITOR_FLIPS.keySerde().serializer(),
                MONITOR_FLIPS.valueSerde().serializer(), MONITOR_PROCESSOR);
        topology.addSink(MONITOR_ALERTS_SINK, ALERTS.name(), ALERTS.keySerde().serializer(),
                ALERTS.valueSerde().serializer(), MONITOR_PROCESSOR);
        topology.addSink(STATS_SINK, MONITOR_STATS.name(), MONITOR_STATS.keySerde().serializer(),
                new ByteArraySerializer(), MONITOR_PROCESSOR);
        topology.addSink(MONITOR_DEAD_LETTERS_SINK, DEAD_LETTER.name(), DEAD_LETTER.keySerde().serializer(),
                DEAD_LETTER.valueSerde().serializer(), "decode-task-runs", "decode-monitor-settings",
                "decode-clock-ticks");
    }

    private static void addEtlJobs(Topology topology, MonitorRules rules) {
        topology.addSource("etl-progress-source", new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                ETL_PROGRESS.name());
        topology.addProcessor("decode-etl-progress", () -> new DecodingProcessor<>(ETL_PROGRESS,
                InputDecoders::etlProgress, ETL_PROCESSOR, ETL_DEAD_LETTERS_SINK), "etl-progress-source");
        topology.addProcessor(ETL_PROCESSOR, () -> new EtlJobProcessor(rules), "decode-etl-progress");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ETL_JOBS_STORE),
                ETL_JOBS.keySerde(), ETL_JOBS.valueSerde()).withCachingEnabled(), ETL_PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ETL_ACTIVE_JOBS_STORE),
                Serdes.UUID(), Serdes.Long()).withCachingEnabled(), ETL_PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ETL_ERROR_BURSTS_STORE),
                Serdes.UUID(), ERROR_BURST_SERDE).withCachingEnabled(), ETL_PROCESSOR);
        topology.addSink(ETL_JOBS_SINK, ETL_JOBS.name(), ETL_JOBS.keySerde().serializer(),
                ETL_JOBS.valueSerde().serializer(), ETL_PROCESSOR);
        topology.addSink(ETL_ALERTS_SINK, ALERTS.name(), ALERTS.keySerde().serializer(),
                ALERTS.valueSerde().serializer(), ETL_PROCESSOR);
        topology.addSink(ETL_DEAD_LETTERS_SINK, DEAD_LETTER.name(), DEAD_LETTER.keySerde().serializer(),
                DEAD_LETTER.valueSerde().serializer(), "decode-etl-progress");
    }
}
