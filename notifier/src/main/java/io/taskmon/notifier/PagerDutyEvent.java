package io.taskmon.notifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.taskmon.events.Alert;
import io.taskmon.events.AlertType;
import io.taskmon.events.EventJson;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * A PagerDuty Events API v2 event for an alert. An alert that opens an incident triggers with
 * {@code dedup_key} = its alert id; a RECOVERED alert resolves the alert it closes, and a REMINDER
 * triggers again on the alert it repeats, which PagerDuty folds into the incident already open
 * rather than paging anew.
 */
final class PagerDutyEvent {

    /** PagerDuty's summary field holds at most 1024 characters. */
    static final int MAX_SUMMARY = 1024;

    private PagerDutyEvent() {
    }

    static UUID dedupKey(Alert alert) {
        boolean aboutAnother = (alert.type() == AlertType.RECOVERED || alert.type() == AlertType.REMINDER)
                && alert.resolvesAlertId() != null;
        return aboutAnother ? alert.resolvesAlertId() : alert.alertId();
    }

    static byte[] of(Alert alert, String routingKey, String link) {
        ObjectNode root = EventJson.mapper().createObjectNode();
        root.put("routing_key", routingKey);
        root.put("dedup_key", dedupKey(alert).toString());
        if (alert.type() == AlertType.RECOVERED) {
            root.put("event_action", "resolve");
        } else {
            root.put("event_action", "trigger");
            ObjectNode payload = root.putObject("payload");
            String summary = alert.summary() != null ? alert.summary() : AlertMessage.of(alert).subject();
            payload.put("summary", summary.length() > MAX_SUMMARY ? summary.substring(0, MAX_SUMMARY) : summary);
            payload.put("source", alert.machineName() != null ? alert.machineName() : "taskmon");
            payload.put("severity", "error");
            if (alert.raisedAt() != null) {
                payload.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(alert.raisedAt()));
            }
            if (alert.taskKey() != null) {
                payload.put("component", alert.taskKey());
            }
            payload.put("class", alert.type().wireName());
            ObjectNode details = payload.putObject("custom_details");
            details.put("alert_id", alert.alertId().toString());
            putIfSet(details, "task_name", alert.taskName());
            putIfSet(details, "consecutive_failures", alert.consecutiveFailures());
            putIfSet(details, "last_message", alert.lastMessage());
            putIfSet(details, "last_exit_code", alert.lastExitCode());
            root.putArray("links").addObject().put("href", link).put("text", "The monitor page");
        }
        try {
            return EventJson.mapper().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the PagerDuty event of alert " + alert.alertId(), e);
        }
    }

    private static void putIfSet(ObjectNode details, String field, Object value) {
        if (value != null) {
            details.put(field, value.toString());
        }
    }
}
