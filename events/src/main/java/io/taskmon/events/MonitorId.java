package io.taskmon.events;

import java.util.UUID;

/**
 * The identity of a monitor: a name-based UUID (version 5, RFC 9562) of
 * {@code task_key + "\n" + kind + "\n" + machine_name} in a fixed namespace.
 *
 * <p>Every component (and any client) derives the same id without a lookup. The newline
 * separator keeps the name unambiguous: task_key and kind cannot contain one, and
 * machine_name comes last. A missing machine_name is the empty string.
 */
public final class MonitorId {

    /** Fixed namespace of taskmon monitor ids; changing it would re-key every topic. */
    public static final UUID NAMESPACE = UUID.fromString("dbc2402f-68b1-43fb-8942-5ac843cb11c7");

    private MonitorId() {
    }

    public static UUID of(String taskKey, String kind, String machineName) {
        if (taskKey == null || kind == null) {
            throw new IllegalArgumentException("task_key and kind are required for a monitor id");
        }
        String name = taskKey + "\n" + kind + "\n" + (machineName == null ? "" : machineName);
        return NameBasedUuid.v5(NAMESPACE, name);
    }
}
