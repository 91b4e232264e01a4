package io.taskmon.notifier;

import io.taskmon.events.Alert;
import io.taskmon.events.Channel;
import io.taskmon.events.ChannelType;
import io.taskmon.events.Delivery;
import io.taskmon.events.DeliveryState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
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
    private final HeldDeliveries held;
    /** Where deliveries stood before a step Kafka has not yet taken, to go back if it refuses. */
    private final Map<UUID, Delivery> unrecorded = new HashMap<>();

    public NotifierService(NotifierConfig config, DeliveryLedger ledger, MonitorDependencies dependencies,
                           Map<ChannelType, ChannelSender> senders, RetryPolicy retry, Clock clock,
                           RandomGenerator random) {
        this.config = config;
        this.ledger = ledger;
        this.senders = Map.copyOf(senders);
        this.retry = retry;
        this.clock = clock;
        this.random = random;
        this.held = new HeldDeliveries(config, ledger, dependencies);
    }

    /**
     * The delivery steps {@code alert} newly makes: one per channel of every route that takes it,
     * leaving out those already known (the same alert read twice makes each delivery once). Each
     * is owed, or held while the monitor is muted; a recovery also suppresses what it resolves
     * while that is held. Only {@link DeliveryState#OWED} steps are for the lanes.
     */
    public synchronized List<Delivery> owe(Alert alert) {
        Instant now = clock.instant();
        List<Delivery> made = new ArrayList<>();
        for (Delivery suppressed : held.suppressedByRecovery(alert, now)) {
            replace(suppressed);
            made.add(suppressed);
        }
        for (UUID channelId : AlertRouter.channelsFor(alert, config.routes())) {
            Optional<Channel> channel = config.channel(channelId);
            if (channel.isEmpty()) {
                continue;
            }
            Delivery first = held.firstStep(alert, channel.get(), now);
            if (ledger.addIfNew(first)) {
                made.add(first);
            }
        }
        return made;
    }

    /**
     * Held deliveries whose mute has ended: the steps that release them (owed again) or suppress
     * them. They are in the ledger already; {@link #unmake} takes them back if Kafka refuses them.
     */
    public synchronized List<Delivery> releaseHeld() {
        List<Delivery> steps = held.released(clock.instant());
        steps.forEach(this::replace);
        return steps;
    }

    private void replace(Delivery next) {
        ledger.get(next.deliveryId()).ifPresent(previous -> unrecorded.putIfAbsent(next.deliveryId(), previous));
        ledger.update(next);
    }

    /** Kafka has these steps: nothing to take back any more. */
    public synchronized void recorded(List<Delivery> steps) {
        steps.forEach(d -> unrecorded.remove(d.deliveryId()));
    }

    /**
     * Takes back steps whose record Kafka did not take: a new delivery is forgotten, so the alert
     * makes it again when read again; a changed one returns to where it stood.
     */
    public synchronized void unmake(List<Delivery> deliveries) {
        Set<Delivery> batch = new HashSet<>(deliveries);
        for (Delivery d : deliveries) {
            Delivery previous = unrecorded.remove(d.deliveryId());
            // A step made in the same batch (a hold its recovery suppressed) was not recorded either.
            if (previous == null || batch.contains(previous)) {
                ledger.forget(d.deliveryId());
            } else {
                ledger.update(previous);
            }
        }
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
        return next(delivery, outcome);
    }

    private Attempt next(Delivery delivery, Outcome outcome) {
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
     * How long after a message to the channel further alerts are gathered into one digest; empty
     * when they are not (grouping off, or a channel type that cannot tell several at once).
     */
    public Optional<Duration> groupWindow(UUID channelId) {
        return config.channel(channelId)
                .filter(c -> c.groupSecondsInForce() > 0 && senders.get(c.type()) instanceof DigestSender)
                .map(c -> Duration.ofSeconds(c.groupSecondsInForce()));
    }

    /** One attempt of a digest: the step each of its deliveries leads to, all from the same outcome. */
    public List<Attempt> attemptDigest(List<Delivery> deliveries) {
        Optional<Channel> channel = config.channel(deliveries.get(0).channelId());
        Outcome outcome = channel.isPresent() && senders.get(channel.get().type()) instanceof DigestSender sender
                ? sender.sendDigest(channel.get(), Digest.of(deliveries))
                : null;
        List<Attempt> attempts = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            attempts.add(outcome == null ? attempt(delivery) : next(delivery, outcome));
        }
        return attempts;
    }

    /**
     * @param next       the delivery's step after the attempt
     * @param retryAfter how long the channel's receiver asked to be left alone, or null
     */
    public record Attempt(Delivery next, Duration retryAfter) {
    }
}
