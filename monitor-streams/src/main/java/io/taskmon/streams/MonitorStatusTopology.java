package io.taskmon.streams;

import static io.taskmon.events.Topics.MONITOR_STATUS;
import static io.taskmon.events.Topics.TASK_RUNS;

import io.taskmon.events.MonitorStatus;
import java.util.UUID;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

/** Builds the monitor topology; configuration and lifecycle belong to {@link MonitorStreamsApp}. */
public final class MonitorStatusTopology {

    /** The latest status of every monitor, in RocksDB with a changelog topic. */
    public static final String STATUS_STORE = "monitor-status";

    private MonitorStatusTopology() {
    }

    /** task-runs -> latest status per monitor_id -> monitor-status. */
    public static Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(TASK_RUNS.name(), Consumed.with(TASK_RUNS.keySerde(), TASK_RUNS.valueSerde()))
                .groupByKey(Grouped.with(TASK_RUNS.keySerde(), TASK_RUNS.valueSerde()))
                .aggregate(
                        () -> null,
                        (monitorId, run, status) -> MonitorStatusFold.apply(status, run),
                        Materialized.<UUID, MonitorStatus, KeyValueStore<Bytes, byte[]>>as(STATUS_STORE)
                                .withKeySerde(MONITOR_STATUS.keySerde())
                                .withValueSerde(MONITOR_STATUS.valueSerde()))
                .toStream()
                .to(MONITOR_STATUS.name(), Produced.with(MONITOR_STATUS.keySerde(), MONITOR_STATUS.valueSerde()));
        return builder.build();
    }
}
