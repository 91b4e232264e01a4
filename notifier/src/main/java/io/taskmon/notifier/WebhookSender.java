package io.taskmon.notifier;

import io.taskmon.events.Channel;
import io.taskmon.events.Delivery;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Webhook channels: a JSON POST signed per the Standard Webhooks specification. The
 * {@code webhook-id} is the delivery id, the same for every attempt of one alert on one channel,
 * so a receiver can drop a repeat. Any 2xx answer is a delivery; anything else is retried, and a
 * 429 or 503 with {@code Retry-After} is not tried again before the time it asks for.
 */
public final class WebhookSender implements ChannelSender, DigestSender {

    private final JsonPost post;
    private final Clock clock;

    public WebhookSender(Duration timeout, Clock clock) {
        this.post = new JsonPost(timeout, clock);
        this.clock = clock;
    }

    @Override
    public Outcome send(Channel channel, Delivery delivery) {
        return post(channel, WebhookPayload.of(delivery.alert()), delivery.deliveryId().toString());
    }

    /** One POST listing the alerts; its {@code webhook-id} is the digest id. */
    @Override
    public Outcome sendDigest(Channel channel, Digest digest) {
        return post(channel, WebhookPayload.of(digest, clock.instant()), digest.digestId().toString());
    }

    private Outcome post(Channel channel, byte[] body, String webhookId) {
        long timestamp = clock.instant().getEpochSecond();
        return post.send(URI.create(channel.url()), body, Map.of(
                "webhook-id", webhookId,
                "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", WebhookSignature.sign(channel.secret(), webhookId, timestamp, body)));
    }
}
