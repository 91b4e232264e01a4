package io.taskmon.notifier;

import io.taskmon.events.Channel;
import io.taskmon.events.Delivery;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slack channels: an incoming-webhook message. Slack allows one message a second per webhook and
 * answers 429 with {@code Retry-After} beyond that; this sender keeps each channel to one a second
 * itself, and a 429 holds the channel's lane as for any receiver.
 */
public final class SlackSender implements ChannelSender, DigestSender {

    /** Slack's documented limit for incoming webhooks. */
    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    private final JsonPost post;
    private final Clock clock;
    private final String dashboardUrl;
    private final Map<UUID, Instant> lastSentAt = new ConcurrentHashMap<>();

    public SlackSender(Duration timeout, Clock clock, String dashboardUrl) {
        this.post = new JsonPost(timeout, clock);
        this.clock = clock;
        this.dashboardUrl = dashboardUrl;
    }

    @Override
    public Outcome send(Channel channel, Delivery delivery) {
        return post(channel, SlackMessage.of(delivery.alert(), MonitorLink.of(dashboardUrl, delivery.alert())));
    }

    @Override
    public Outcome sendDigest(Channel channel, Digest digest) {
        return post(channel, SlackMessage.of(digest));
    }

    private Outcome post(Channel channel, byte[] body) {
        try {
            waitForTurn(channel.channelId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.notSent("the notifier stopped during the attempt");
        }
        Outcome outcome = post.send(URI.create(channel.url()), body, Map.of());
        lastSentAt.put(channel.channelId(), clock.instant());
        return outcome;
    }

    /**
     * Sleeps until a second has passed since the channel's last message. Each channel's attempts
     * run one at a time on its own lane, so the wait holds up only that channel.
     */
    private void waitForTurn(UUID channelId) throws InterruptedException {
        Instant last = lastSentAt.get(channelId);
        if (last == null) {
            return;
        }
        long waitMillis = Duration.between(clock.instant(), last.plus(MIN_INTERVAL)).toMillis();
        if (waitMillis > 0) {
            Thread.sleep(waitMillis);
        }
    }
}
