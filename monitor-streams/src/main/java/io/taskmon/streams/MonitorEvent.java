package io.taskmon.streams;

import io.taskmon.events.ClockTick;
import io.taskmon.events.MonitorSettingChanged;
import io.taskmon.events.TaskRunReported;

/** What changes a monitor, decoded from its two input topics. */
sealed interface MonitorEvent {

    record Run(TaskRunReported run) implements MonitorEvent {
    }

    record Setting(MonitorSettingChanged change) implements MonitorEvent {
    }

    /** A gateway's clock tick: time passes for the deadlines of this task's monitors. */
    record Tick(ClockTick tick) implements MonitorEvent {
    }
}
