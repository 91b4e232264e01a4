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
 * @param secret       a webhook's Standard Webhooks signing secret ({@code whsec_} and base64), or a
 *                     PagerDuty service's routing key
 * @param groupSeconds how long after a message to the channel further alerts are gathered into
 *                     one digest; 0 or null (a channel saved before the setting existed, which
 *                     keeps sending as it did) sends each alert alone. The admin API sets
 *                     {@link #DEFAULT_GROUP_SECONDS} when a new channel leaves it out
 */
public record Channel(
        UUID channelId,
        String name,
        ChannelType type,
        List<String> to,
        String url,
        String secret,
        Instant changedAt,
        Integer groupSeconds) {

    public static final int DEFAULT_GROUP_SECONDS = 30;

    public Channel {
        to = to == null ? null : List.copyOf(to);
    }

    /** A channel that sends each alert alone. */
    public Channel(UUID channelId, String name, ChannelType type, List<String> to, String url, String secret,
                   Instant changedAt) {
        this(channelId, name, type, to, url, secret, changedAt, null);
    }

    public Channel withGroupSeconds(Integer seconds) {
        return new Channel(channelId, name, type, to, url, secret, changedAt, seconds);
    }

    /** The grouping window in force, 0 when alerts are sent alone. */
    public int groupSecondsInForce() {
        return groupSeconds == null ? 0 : groupSeconds;
    }
}
