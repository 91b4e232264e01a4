package io.taskmon.notifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.taskmon.events.Alert;
import io.taskmon.events.EventJson;

/**
 * A Slack incoming-webhook message about an alert: {@code text} for notifications and clients
 * without blocks, and blocks with the task, machine, status, streak, last message and a link to
 * the monitor's page. Slack's mrkdwn needs only {@code & < >} escaped.
 */
final class SlackMessage {

    private SlackMessage() {
    }

    static byte[] of(Alert alert, String link) {
        AlertMessage message = AlertMessage.of(alert);
        ObjectNode root = EventJson.mapper().createObjectNode();
        root.put("text", message.subject());
        ArrayNode blocks = root.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "section");
        header.putObject("text").put("type", "mrkdwn").put("text", "*" + escape(message.subject()) + "*"
                + (alert.summary() == null ? "" : "\n" + escape(alert.summary())));
        ArrayNode fields = blocks.addObject().put("type", "section").putArray("fields");
        field(fields, "Task", alert.taskName() != null ? alert.taskName() + " (" + alert.taskKey() + ")"
                : alert.taskKey() != null ? alert.taskKey() : alert.jobName());
        field(fields, "Machine", alert.machineName());
        field(fields, "Status", alert.type().wireName());
        field(fields, "Streak", alert.consecutiveFailures() == null ? null
                : alert.consecutiveFailures() + " failure" + (alert.consecutiveFailures() == 1 ? "" : "s") + " in a row");
        field(fields, "Last message", alert.lastMessage());
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn")
                .put("text", "<" + link + "|Open the monitor page>");
        try {
            return EventJson.mapper().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the Slack message of alert " + alert.alertId(), e);
        }
    }

    /** Slack cuts a section's text at 3000 characters; longer digests end with how many more there are. */
    private static final int MAX_SECTION = 2900;

    /** A digest: the count as {@code text}, then one line per alert in a section. */
    static byte[] of(Digest digest) {
        DigestMessage message = DigestMessage.of(digest);
        ObjectNode root = EventJson.mapper().createObjectNode();
        root.put("text", message.subject());
        StringBuilder lines = new StringBuilder("*" + escape(message.subject()) + "*");
        int shown = 0;
        for (Alert alert : digest.alerts()) {
            String line = "\n• " + escape(DigestMessage.line(alert));
            if (lines.length() + line.length() > MAX_SECTION) {
                break;
            }
            lines.append(line);
            shown++;
        }
        if (shown < digest.alerts().size()) {
            lines.append("\n… and ").append(digest.alerts().size() - shown).append(" more");
        }
        root.putArray("blocks").addObject().put("type", "section").putObject("text").put("type", "mrkdwn")
                .put("text", lines.toString());
        try {
            return EventJson.mapper().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the Slack message of digest " + digest.digestId(), e);
        }
    }

    private static void field(ArrayNode fields, String label, String value) {
        if (value != null && !value.isEmpty()) {
            fields.addObject().put("type", "mrkdwn").put("text", "*" + label + "*\n" + escape(value));
        }
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
