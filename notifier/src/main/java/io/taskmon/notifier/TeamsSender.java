package io.taskmon.notifier;

import io.taskmon.events.Channel;
import io.taskmon.events.Delivery;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Microsoft Teams channels: an Adaptive Card posted to the channel's incoming-webhook URL (a Teams
 * workflow or connector webhook). Any 2xx is delivered; a 429 with {@code Retry-After}, which Teams
 * answers when a webhook posts too fast, holds the channel's lane as for any receiver.
 */
public final class TeamsSender implements ChannelSender {

    private final JsonPost post;
    private final String dashboardUrl;

    public TeamsSender(Duration timeout, Clock clock, String dashboardUrl) {
        this.post = new JsonPost(timeout, clock);
        this.dashboardUrl = dashboardUrl;
    }

    @Override
    public Outcome send(Channel channel, Delivery delivery) {
        byte[] body = TeamsCard.of(delivery.alert(), MonitorLink.of(dashboardUrl, delivery.alert()));
        return post.send(URI.create(channel.url()), body, Map.of());
    }
}
