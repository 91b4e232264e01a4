package io.taskmon.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Where alerts can be delivered, as people configured it over the admin API. Which fields are
 * set depends on the type: {@code to} for e-mail, {@code url} and {@code secret} for webhooks,
 * {@code url} for Slack and Teams, {@code url} (the Events API endpoint) and {@code secret} (the routing
 * key) for PagerDuty.
 * The secret and the URL travel in full on the configuration topic because the notifier needs
 * them; the admin API only ever shows a masked hint.
 *
 * @param secret a webhook's Standard Webhooks signing secret ({@code whsec_} and base64), or a
 *               PagerDuty service's routing key
 */
public record Channel(
        UUID channelId,
        String name,
        ChannelType type,
        List<String> to,
        String url,
        String secret,
        Instant changedAt) {

    public Channel {
        to = to == null ? null : List.copyOf(to);
    }
}
