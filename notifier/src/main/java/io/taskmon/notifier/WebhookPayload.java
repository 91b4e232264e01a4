package io.taskmon.notifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.taskmon.events.Alert;
import io.taskmon.events.EventJson;
import java.time.Instant;
import java.util.Locale;

/**
 * The body of a webhook, in the Standard Webhooks shape: {@code type} ({@code alert.failing},
 * {@code alert.recovered}, ...), {@code timestamp} (when the alert was raised) and the alert as
 * {@code data}, in the events' JSON mapping.
 */
public record WebhookPayload(String type, Instant timestamp, Alert data) {

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
