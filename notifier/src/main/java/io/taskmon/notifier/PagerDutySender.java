package io.taskmon.notifier;

import io.taskmon.events.Channel;
import io.taskmon.events.Delivery;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * PagerDuty channels: an Events API v2 event to the channel's endpoint with its routing key.
 * PagerDuty answers 202 when it took the event and 429 when the key sends too fast; the
 * {@code dedup_key} makes a repeat after a crash the same incident, not a second page.
 */
public final class PagerDutySender implements ChannelSender {

    /** PagerDuty's Events API v2 endpoint; a channel may name another (a proxy, or a test receiver). */
    public static final String EVENTS_URL = "https://events.pagerduty.com/v2/enqueue";

    private final JsonPost post;
    private final String dashboardUrl;

    public PagerDutySender(Duration timeout, Clock clock, String dashboardUrl) {
        this.post = new JsonPost(timeout, clock);
        this.dashboardUrl = dashboardUrl;
    }

    @Override
    public Outcome send(Channel channel, Delivery delivery) {
        byte[] body = PagerDutyEvent.of(delivery.alert(), channel.secret(),
                MonitorLink.of(dashboardUrl, delivery.alert()));
        return post.send(URI.create(channel.url() != null ? channel.url() : EVENTS_URL), body, Map.of());
    }
}
