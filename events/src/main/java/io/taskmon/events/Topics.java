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

    /** Every topic, for provisioning. */
    public static final List<Topic<?, ?>> ALL = List.of(TASK_RUNS, MONITOR_STATUS);

    private Topics() {
    }
}
