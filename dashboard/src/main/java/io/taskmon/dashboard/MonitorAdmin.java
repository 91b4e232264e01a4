package io.taskmon.dashboard;

import io.micronaut.http.HttpStatus;
import io.taskmon.events.MonitorConfig;
import io.taskmon.events.MonitorId;
import io.taskmon.events.MonitorSettingChanged;
import io.taskmon.web.RequestRejected;
import java.time.Clock;
import java.util.UUID;

/**
 * Monitors kept in code: created ahead of their first run, their configuration replaced, deleted
 * with their history. Like enabling and disabling ({@link MonitorSettings}), each change is an
 * event on the settings topic, never a write to the read model here: monitor-streams applies it
 * to the monitor and the projector follows, so a replay of the topics gives the same answer.
 *
 * <p>Whether a monitor exists is read from the read model, which follows the topics by a moment:
 * two creates of one new monitor in that moment both succeed, and the second replaces the first.
 */
public final class MonitorAdmin {

    private final MonitorReader monitors;
    private final SettingPublisher publisher;
    private final Clock clock;

    public MonitorAdmin(MonitorReader monitors, SettingPublisher publisher, Clock clock) {
        this.monitors = monitors;
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * Publishes the creation and returns it once Kafka has it. An existing monitor is refused
     * with 409: creating is not how a configuration is changed, and a script that runs twice
     * should hear that the monitor is already there rather than overwrite what its reports set.
     */
    public MonitorSettingChanged create(MonitorBody.NewMonitor monitor) {
        UUID monitorId = MonitorId.of(monitor.taskKey(), monitor.kind(), monitor.machineName());
        if (monitors.exists(monitorId)) {
            throw new RequestRejected(HttpStatus.CONFLICT, "The monitor " + monitorId + " of this task_key, kind"
                    + " and machine_name exists already; change its configuration with PUT /api/monitors/"
                    + monitorId + "/config");
        }
        MonitorSettingChanged change = MonitorSettingChanged.created(UUID.randomUUID(), monitor.taskKey(),
                monitor.taskName(), monitor.kind(), monitor.machineName(), monitor.monitorConfig(), monitor.labels(),
                clock.instant());
        publisher.publish(change);
        return change;
    }

    public MonitorSettingChanged configure(UUID monitorId, MonitorConfig config) {
        monitors.requireMonitor(monitorId);
        MonitorSettingChanged change = MonitorSettingChanged.configured(UUID.randomUUID(), monitorId, config,
                clock.instant());
        publisher.publish(change);
        return change;
    }

    public MonitorSettingChanged delete(UUID monitorId) {
        monitors.requireMonitor(monitorId);
        MonitorSettingChanged change = MonitorSettingChanged.deleted(UUID.randomUUID(), monitorId, clock.instant());
        publisher.publish(change);
        return change;
    }
}
