package io.taskmon.notifier;

import io.taskmon.events.Alert;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a person reads about a digest: a subject counting the alerts by type, and one line per
 * alert (type, task, summary) as plain text and HTML, oldest first.
 */
public record DigestMessage(String subject, String text, String html) {

    public static DigestMessage of(Digest digest) {
        Map<String, Integer> byType = new LinkedHashMap<>();
        digest.alerts().forEach(a -> byType.merge(a.type().wireName(), 1, Integer::sum));
        String counts = byType.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
        String subject = "[taskmon] " + digest.alerts().size() + " alerts: " + counts;
        StringBuilder text = new StringBuilder(digest.alerts().size() + " alerts since the last message:\n\n");
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><p>")
                .append(digest.alerts().size()).append(" alerts since the last message:</p><ul>");
        for (Alert alert : digest.alerts()) {
            String line = line(alert);
            text.append("- ").append(line).append('\n');
            html.append("<li>").append(AlertMessage.escape(line)).append("</li>");
        }
        html.append("</ul></body></html>");
        return new DigestMessage(subject, text.toString(), html.toString());
    }

    /** One alert in a line: {@code FAILING: ナイトリー取込 (nightly_import on WEB-01) - failed 3 times in a row}. */
    static String line(Alert alert) {
        return alert.type().wireName() + ": " + AlertMessage.subjectName(alert)
                + (alert.summary() == null ? "" : " - " + alert.summary());
    }
}
