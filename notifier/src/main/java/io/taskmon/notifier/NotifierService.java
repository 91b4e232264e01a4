package io.taskmon.notifier;

import io.taskmon.events.Alert;
import io.taskmon.events.Channel;
import io.taskmon.events.ChannelType;
import io.taskmon.events.Delivery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * The notifier's decisions, apart from Kafka: which deliveries an alert makes, and what one
 * attempt of a delivery comes to. The consumer loop and the channel lanes only carry the records.
 */
public final class NotifierService {

    private final NotifierConfig config;
    private final DeliveryLedger ledger;
    private final Map<ChannelType, ChannelSender> senders;
    private final RetryPolicy retry;
    private final Clock clock;
    private final RandomGenerator random;

    public NotifierService(NotifierConfig config, DeliveryLedger ledger, Map<ChannelType, ChannelSender> senders,
                           RetryPolicy retry, Clock clock, RandomGenerator random) {
        this.config = config;
        this.ledger = ledger;
        this.senders = Map.copyOf(senders);
        this.retry = retry;
        this.clock = clock;
        this.random = random;
    }

    /**
     * The deliveries {@code alert} newly makes: one per channel of every route that takes it,
     * leaving out those already known (the same alert read twice makes each delivery once).
     */
    public List<Delivery> owe(Alert alert) {
        Instant now = clock.instant();
        List<Delivery> made = new ArrayList<>();
        for (UUID channelId : AlertRouter.channelsFor(alert, config.routes())) {
            Optional<Channel> channel = config.channel(channelId);
            if (channel.isEmpty()) {
                continue;
            }
            Delivery owed = Delivery.owed(alert, channel.get(), now);
            if (ledger.addIfNew(owed)) {
                made.add(owed);
            }
        }
        return made;
    }

    /** Forgets deliveries whose owed record Kafka did not take, so the alert makes them again when read again. */
    public void unmake(List<Delivery> deliveries) {
        deliveries.forEach(d -> ledger.forget(d.deliveryId()));
    }

    /**
     * One attempt of {@code delivery}: the step it leads to (delivered, retrying or failed) and,
     * when the receiver asked for it, how long its channel should wait before the next attempt.
     */
    public Attempt attempt(Delivery delivery) {
        Optional<Channel> channel = config.channel(delivery.channelId());
        Outcome outcome;
        if (channel.isEmpty()) {
            Delivery failed = delivery.failed("the channel was deleted", clock.instant());
            ledger.update(failed);
            return new Attempt(failed, null);
        }
        ChannelSender sender = senders.get(channel.get().type());
        outcome = sender == null
                ? Outcome.notSent("this notifier cannot deliver on " + channel.get().type().wireName() + " channels")
                : sender.send(channel.get(), delivery);
        Instant now = clock.instant();
        Delivery next;
        Duration retryAfter = null;
        if (outcome instanceof Outcome.NotSent notSent) {
            retryAfter = notSent.retryAfter();
            Optional<Instant> again = retry.nextAttempt(delivery.attempts() + 1, delivery.firstOwedAt(), now,
                    retryAfter, random);
            next = again.isPresent()
                    ? delivery.retrying(notSent.error(), again.get(), now)
                    : delivery.failed(notSent.error(), now);
        } else {
            next = delivery.delivered(now);
        }
        ledger.update(next);
        return new Attempt(next, retryAfter);
    }

    /**
     * @param next       the delivery's step after the attempt
     * @param retryAfter how long the channel's receiver asked to be left alone, or null
     */
    public record Attempt(Delivery next, Duration retryAfter) {
    }
}
