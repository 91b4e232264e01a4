package io.taskmon.notifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.taskmon.events.Alert;
import io.taskmon.events.AlertType;
import io.taskmon.events.EventJson;

/**
 * A Microsoft Teams incoming-webhook message about an alert: one Adaptive Card (schema 1.4, what
 * Teams renders) with the subject line, the summary, a fact set with the task, machine, status,
 * streak and last message, and a button to the monitor's page. Card text is plain: Adaptive Cards
 * take no HTML, and their Markdown subset is left alone by writing values into facts.
 */
final class TeamsCard {

    static final String CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
    static final String CARD_VERSION = "1.4";

    private TeamsCard() {
    }

    static byte[] of(Alert alert, String link) {
        AlertMessage message = AlertMessage.of(alert);
        ObjectNode root = EventJson.mapper().createObjectNode();
        root.put("type", "message");
        ObjectNode attachment = root.putArray("attachments").addObject();
        attachment.put("contentType", CARD_CONTENT_TYPE);
        attachment.putNull("contentUrl");
        ObjectNode card = attachment.putObject("content");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", CARD_VERSION);
        ArrayNode body = card.putArray("body");
        body.addObject().put("type", "TextBlock").put("text", message.subject()).put("weight", "Bolder")
                .put("size", "Medium").put("wrap", true)
                .put("color", alert.type() == AlertType.RECOVERED ? "Good" : "Attention");
        if (alert.summary() != null) {
            body.addObject().put("type", "TextBlock").put("text", alert.summary()).put("wrap", true);
        }
        ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
        fact(facts, "Task", alert.taskName() != null ? alert.taskName() + " (" + alert.taskKey() + ")"
                : alert.taskKey() != null ? alert.taskKey() : alert.jobName());
        fact(facts, "Machine", alert.machineName());
        fact(facts, "Status", alert.type().wireName());
        fact(facts, "Streak", alert.consecutiveFailures() == null ? null
                : alert.consecutiveFailures() + " failure" + (alert.consecutiveFailures() == 1 ? "" : "s") + " in a row");
        fact(facts, "Last message", alert.lastMessage());
        card.putArray("actions").addObject().put("type", "Action.OpenUrl").put("title", "Open the monitor page")
                .put("url", link);
        try {
            return EventJson.mapper().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the Teams card of alert " + alert.alertId(), e);
        }
    }

    private static void fact(ArrayNode facts, String title, String value) {
        if (value != null && !value.isEmpty()) {
            facts.addObject().put("title", title).put("value", value);
        }
    }
}
