package io.taskmon.notifier;

import io.taskmon.events.Alert;
import io.taskmon.events.AlertType;
import io.taskmon.events.Channel;
import io.taskmon.events.Delivery;
import io.taskmon.events.DeliveryState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The rules of holding: a muted monitor's alerts are recorded as held, not sent; when the mute
 * ends, a held alert still open is owed then, once; one that recovered meanwhile is suppressed,
 * and so is the recovery of an alert that was never told. An alert of a monitor whose dependency
 * has an alert open is suppressed at once, with that as the cause.
 *
 * <p>Holds are checked again against the configuration rather than scheduled to their end, so a
 * mute lifted early, extended, or a window deleted takes effect at the next check.
 */
final class HeldDeliveries {

    private final NotifierConfig config;
    private final DeliveryLedger ledger;
    private final MonitorDependencies dependencies;

    HeldDeliveries(NotifierConfig config, DeliveryLedger ledger, MonitorDependencies dependencies) {
        this.config = config;
        this.ledger = ledger;
        this.dependencies = dependencies;
    }

    /** The first step of {@code alert}'s delivery on {@code channel}: owed, held or suppressed (dependency down, or it follows an alert never told). */
    Delivery firstStep(Alert alert, Channel channel, Instant now) {
        Optional<String> untold = untoldAlertItFollows(alert, channel.channelId());
        if (untold.isPresent()) {
            return Delivery.suppressed(alert, channel, untold.get(), now);
        }
        if (alert.type() != AlertType.RECOVERED) {
            Optional<String> down = dependencies.downDependency(alert.monitorId());
            if (down.isPresent()) {
                return Delivery.suppressed(alert, channel, down.get(), now);
            }
        }
        Optional<Muting.Hold> hold = Muting.holdFor(alert, config, now);
        return hold.isPresent()
                ? Delivery.held(alert, channel, hold.get().reason(), hold.get().until(), now)
                : Delivery.owed(alert, channel, now);
    }

    /**
     * A RECOVERED or REMINDER alert says nothing new to a channel that was never told of the alert
     * it follows: that one is held (it will be told when the mute ends) or was suppressed.
     */
    private Optional<String> untoldAlertItFollows(Alert alert, UUID channelId) {
        if (alert.resolvesAlertId() == null
                || (alert.type() != AlertType.RECOVERED && alert.type() != AlertType.REMINDER)) {
            return Optional.empty();
        }
        Optional<DeliveryState> followed = ledger.get(Delivery.idOf(alert.resolvesAlertId(), channelId))
                .map(Delivery::state);
        if (followed.isEmpty()) {
            return Optional.empty();
        }
        return switch (followed.get()) {
            case HELD -> Optional.of(alert.type() == AlertType.RECOVERED
                    ? "alert " + alert.resolvesAlertId() + " recovered while it was held, so neither is told"
                    : "alert " + alert.resolvesAlertId() + " is held and is told when the mute ends");
            case SUPPRESSED -> Optional.of("alert " + alert.resolvesAlertId() + " was not told");
            default -> Optional.empty();
        };
    }

    /**
     * When {@code alert} is a recovery: the held deliveries of the alert it resolves (and of that
     * alert's reminders), now suppressed, as they are no longer open.
     */
    List<Delivery> suppressedByRecovery(Alert alert, Instant now) {
        if (alert.type() != AlertType.RECOVERED || alert.resolvesAlertId() == null) {
            return List.of();
        }
        UUID resolved = alert.resolvesAlertId();
        List<Delivery> suppressed = new ArrayList<>();
        for (Delivery held : ledger.held()) {
            if (resolved.equals(held.alertId()) || resolved.equals(held.alert().resolvesAlertId())) {
                suppressed.add(held.suppressed("it recovered at " + alert.raisedAt() + " while it was held", now));
            }
        }
        return suppressed;
    }

    /**
     * The held deliveries whose hold has ended at {@code now}: owed again, or suppressed when
     * they only remind of an alert that is told at the same time.
     */
    List<Delivery> released(Instant now) {
        List<Delivery> held = ledger.held();
        List<Delivery> steps = new ArrayList<>();
        for (Delivery delivery : held) {
            if (Muting.holdFor(delivery.alert(), config, now).isPresent()) {
                continue;
            }
            steps.add(remindsOfAnotherHeld(delivery)
                    ? delivery.suppressed("the alert it reminds of is told when the mute ends", now)
                    : delivery.released(now));
        }
        return steps;
    }

    private boolean remindsOfAnotherHeld(Delivery delivery) {
        Alert alert = delivery.alert();
        if (alert.type() != AlertType.REMINDER || alert.resolvesAlertId() == null) {
            return false;
        }
        return ledger.get(Delivery.idOf(alert.resolvesAlertId(), delivery.channelId()))
                .filter(d -> d.state() == DeliveryState.HELD).isPresent();
    }
}
