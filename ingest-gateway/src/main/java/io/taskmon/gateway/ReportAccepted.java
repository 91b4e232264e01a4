package io.taskmon.gateway;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The answer to an accepted report: it is in Kafka, under this monitor and event id. */
@Serdeable(naming = SnakeCaseStrategy.class)
public record ReportAccepted(boolean ok, UUID monitorId, String taskKey, UUID eventId) {

    /**
     * The single-report answer as JSON bytes, written directly: the same document the framework's
     * encoder makes, at a fraction of its cost on the hot path.
     */
    public byte[] toJson() {
        StringBuilder json = new StringBuilder(128)
                .append("{\"ok\":").append(ok)
                .append(",\"monitor_id\":").append(monitorId == null ? "null" : quoted(monitorId))
                .append(",\"task_key\":");
        if (taskKey == null) {
            json.append("null");
        } else {
            json.append('"').append(JsonStringEncoder.getInstance().quoteAsString(taskKey)).append('"');
        }
        json.append(",\"event_id\":").append(eventId == null ? "null" : quoted(eventId)).append('}');
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String quoted(UUID uuid) {
        return "\"" + uuid + "\"";
    }
}
