package io.taskmon.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskmon.events.EventJson;
import io.taskmon.events.MonitorSettingChanged;
import io.taskmon.web.RequestRejected;
import java.io.IOException;
import java.time.Clock;
import java.util.UUID;

/**
 * Disabling and re-enabling monitors. The change is published as an event, never written to
 * the read model here: monitor-streams folds it into the monitor's status and the projector
 * updates {@code task_monitors.enabled}, so a replay of the topics gives the same answer.
 */
public final class MonitorSettings {

    private final MonitorReader monitors;
    private final SettingPublisher publisher;
    private final Clock clock;

    public MonitorSettings(MonitorReader monitors, SettingPublisher publisher, Clock clock) {
        this.monitors = monitors;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Publishes the change of a known monitor and returns the event once Kafka has it. */
    public MonitorSettingChanged setEnabled(UUID monitorId, boolean enabled) {
        monitors.requireMonitor(monitorId);
        MonitorSettingChanged change = new MonitorSettingChanged(MonitorSettingChanged.SCHEMA_VERSION,
                UUID.randomUUID(), monitorId, enabled, clock.instant());
        publisher.publish(change);
        return change;
    }

    /** Reads {@code {"enabled": true|false}}; anything else is a 400 naming the field. */
    public static boolean parseEnabled(byte[] body) {
        String expected = "The body must be a JSON object like {\"enabled\": false}";
        if (body == null || body.length == 0) {
            throw RequestRejected.badRequest(expected);
        }
        JsonNode json;
        try {
            json = EventJson.mapper().readTree(body);
        } catch (IOException e) {
            throw RequestRejected.badRequest(expected + "; the body is not valid JSON");
        }
        if (json == null || !json.isObject()) {
            throw RequestRejected.badRequest(expected);
        }
        JsonNode enabled = json.get("enabled");
        if (enabled == null || !enabled.isBoolean()) {
            throw RequestRejected.badRequest("enabled is required and must be true or false");
        }
        return enabled.booleanValue();
    }
}
