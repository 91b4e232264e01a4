package io.taskmon.notifier;

import io.taskmon.events.Alert;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a person reads about an alert: a subject line and the details as plain text and HTML.
 * The task's own name comes first because that is what people recognise, in whatever script it
 * is written.
 */
public record AlertMessage(String subject, String text, String html) {

    public static AlertMessage of(Alert alert) {
        String subject = "[taskmon] " + alert.type().wireName() + ": " + subjectName(alert);
        List<Map.Entry<String, String>> details = details(alert);
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>");
        if (alert.summary() != null) {
            text.append(alert.summary()).append("\n\n");
            html.append("<p>").append(escape(alert.summary())).append("</p>");
        }
        html.append("<table>");
        for (Map.Entry<String, String> detail : details) {
            text.append(detail.getKey()).append(": ").append(detail.getValue()).append('\n');
            html.append("<tr><th align=\"left\">").append(escape(detail.getKey())).append("</th><td>")
                    .append(escape(detail.getValue())).append("</td></tr>");
        }
        html.append("</table></body></html>");
        return new AlertMessage(subject, text.toString(), html.toString());
    }

    static String subjectName(Alert alert) {
        String name = alert.taskName() != null ? alert.taskName() : alert.jobName();
        String key = alert.taskKey();
        StringBuilder subject = new StringBuilder(name != null ? name : key != null ? key : "ETL job " + alert.jobRunId());
        if (key != null && name != null && !key.equals(name)) {
            subject.append(" (").append(key);
            if (alert.machineName() != null && !alert.machineName().isEmpty()) {
                subject.append(" on ").append(alert.machineName());
            }
            subject.append(')');
        }
        return subject.toString();
    }

    private static List<Map.Entry<String, String>> details(Alert alert) {
        List<Map.Entry<String, String>> details = new ArrayList<>();
        add(details, "Alert", alert.type().wireName());
        add(details, "Task", alert.taskName());
        add(details, "Task key", alert.taskKey());
        add(details, "Kind", alert.kind());
        add(details, "Machine", alert.machineName());
        add(details, "ETL job", alert.jobName());
        add(details, "Failures in a row", alert.consecutiveFailures());
        add(details, "First failure", alert.firstFailureAt() == null ? null
                : DateTimeFormatter.ISO_INSTANT.format(alert.firstFailureAt()));
        add(details, "Last failure", alert.lastFailureAt() == null ? null
                : DateTimeFormatter.ISO_INSTANT.format(alert.lastFailureAt()));
        add(details, "Exit code", alert.lastExitCode());
        add(details, "Last message", alert.lastMessage());
        add(details, "Raised at", alert.raisedAt() == null ? null : DateTimeFormatter.ISO_INSTANT.format(alert.raisedAt()));
        add(details, "Monitor", alert.monitorId());
        add(details, "Alert id", alert.alertId());
        return details;
    }

    private static void add(List<Map.Entry<String, String>> details, String label, Object value) {
        if (value != null && !value.toString().isEmpty()) {
            details.add(Map.entry(label, value.toString()));
        }
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
