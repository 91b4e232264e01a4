package io.taskmon.notifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.taskmon.events.Alert;
import io.taskmon.events.EventJson;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The body of a webhook, in the Standard Webhooks shape: {@code type} ({@code alert.failing},
 * {@code alert.recovered}, ...), {@code timestamp} (when the alert was raised) and the alert as
 * {@code data}, in the events' JSON mapping. A digest of several alerts is {@code alert.digest}
 * with the alerts as {@code data.alerts}.
 */
public record WebhookPayload(String type, Instant timestamp, Alert data) {

    /** A digest's body: {@code type} {@code alert.digest} and the alerts as {@code data.alerts}. */
    public record DigestPayload(String type, Instant timestamp, Map<String, List<Alert>> data) {
    }

    public static byte[] of(Digest digest, Instant now) {
        try {
            return EventJson.mapper().writeValueAsBytes(
                    new DigestPayload("alert.digest", now, Map.of("alerts", digest.alerts())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the webhook payload of digest " + digest.digestId(), e);
        }
    }

    public static byte[] of(Alert alert) {
        WebhookPayload payload = new WebhookPayload("alert." + alert.type().wireName().toLowerCase(Locale.ROOT),
                alert.raisedAt(), alert);
        try {
            return EventJson.mapper().writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the webhook payload of alert " + alert.alertId(), e);
        }
    }
}
