package io.taskmon.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Where alerts can be delivered, as people configured it over the admin API. Which fields are
 * set depends on the type: {@code to} for e-mail, {@code url} and {@code secret} for webhooks,
 * {@code url} for Slack, {@code url} (the Events API endpoint) and {@code secret} (the routing
 * key) for PagerDuty.
 * The secret and the URL travel in full on the configuration topic because the notifier needs
 * them; the admin API only ever shows a masked hint.
 *
 * @param secret       a webhook's Standard Webhooks signing secret ({@code whsec_} and base64), or a
 *                     PagerDuty service's routing key
 * @param groupSeconds how long after a message to the channel further alerts are gathered into
 *                     one digest; 0 sends each alone; null (a channel saved without it) is
 *                     {@link #DEFAULT_GROUP_SECONDS}
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

    /** A channel with the default grouping. */
    public Channel(UUID channelId, String name, ChannelType type, List<String> to, String url, String secret,
                   Instant changedAt) {
        this(channelId, name, type, to, url, secret, changedAt, null);
    }

    public Channel withGroupSeconds(Integer seconds) {
        return new Channel(channelId, name, type, to, url, secret, changedAt, seconds);
    }

    /** The grouping window in force: {@link #groupSeconds} or the default. */
    public int groupSecondsInForce() {
        return groupSeconds == null ? DEFAULT_GROUP_SECONDS : groupSeconds;
    }
}
