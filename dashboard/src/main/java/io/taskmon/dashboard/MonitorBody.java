package io.taskmon.dashboard;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.taskmon.events.EventJson;
import io.taskmon.events.MonitorConfig;
import io.taskmon.web.MonitorConfigField;
import io.taskmon.web.MonitorFields;
import io.taskmon.web.RequestRejected;
import java.io.IOException;
import java.util.Map;

/**
 * The admin API's monitor bodies: a monitor to create and a configuration to set. The fields
 * are read by the rules reports are read with ({@link MonitorFields}, {@link MonitorConfigField}),
 * so every bad field gets the sentence a report with it gets.
 */
final class MonitorBody {

    /** Strict about what follows the value: {@code {...}x} is not a monitor. */
    private static final ObjectReader JSON = EventJson.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** A monitor as {@code POST /api/monitors} gives it; {@code monitorConfig} null means none. */
    record NewMonitor(String taskKey, String taskName, String kind, String machineName, MonitorConfig monitorConfig,
                      Map<String, String> labels) {
    }

    private MonitorBody() {
    }

    static NewMonitor newMonitor(byte[] body) {
        ObjectNode monitor = object(body, "{\"task_key\":\"nightly_backup\",\"task_name\":\"Nightly backup\","
                + "\"kind\":\"shell\",\"monitor_config\":{\"cron\":\"0 2 * * *\"}}");
        return new NewMonitor(MonitorFields.taskKey(monitor), MonitorFields.taskName(monitor),
                MonitorFields.kind(monitor), MonitorFields.machineName(monitor),
                MonitorConfigField.optional(monitor), MonitorFields.labels(monitor));
    }

    static MonitorConfig configuration(byte[] body) {
        return MonitorConfigField.required(object(body, "{\"monitor_config\":{\"interval_seconds\":3600}}"));
    }

    private static ObjectNode object(byte[] body, String example) {
        String expected = "The body must be a JSON object like " + example;
        if (body == null || body.length == 0) {
            throw RequestRejected.badRequest(expected);
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JacksonException e) {
            // Where it broke, not Jackson's own words: those quote parser internals at length.
            JsonLocation at = e.getLocation();
            throw RequestRejected.badRequest(at == null ? "The request body is not valid JSON"
                    : "The request body is not valid JSON (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
        } catch (IOException e) {
            throw RequestRejected.badRequest("The request body could not be read as JSON");
        }
        if (!(json instanceof ObjectNode object)) {
            throw RequestRejected.badRequest(expected);
        }
        return object;
    }
}
