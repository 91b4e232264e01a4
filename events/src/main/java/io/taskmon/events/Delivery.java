package io.taskmon.events;

import java.time.Instant;
import java.util.UUID;

/**
 * One step of delivering one alert on one channel: the value of {@link Topics#NOTIFICATIONS},
 * keyed by the delivery id. The first record says the delivery is owed; every attempt then adds
 * one with its outcome. The latest record per delivery id is where the delivery stands, which is
 * how a restarted notifier knows what it still owes; each record carries the alert, so nothing
 * else has to be read for that.
 *
 * @param deliveryId    {@link #idOf}: stable per alert and channel, so receivers can drop repeats
 * @param channelName   the channel's name when the delivery became owed, so the read model can say
 *                      where an alert went without the notifier's configuration; null in records
 *                      written before it was carried
 * @param attempts      attempts made so far (0 while owed)
 * @param lastError     why the latest attempt failed, for people; null after a success
 * @param firstOwedAt   when the delivery became owed: retries stop a retry period after it
 * @param nextAttemptAt when the next attempt is due (owed and retrying deliveries)
 * @param recordedAt    when this step happened
 * @param reason        why a delivery is held or suppressed, for people; null otherwise
 */
public record Delivery(
        int schemaVersion,
        UUID deliveryId,
        UUID alertId,
        UUID channelId,
        String channelName,
        DeliveryState state,
        int attempts,
        String lastError,
        Instant firstOwedAt,
        Instant nextAttemptAt,
        Instant recordedAt,
        Alert alert,
        String reason) {

    public static final int SCHEMA_VERSION = 1;

    /** A step without a reason: every step but held and suppressed ones. */
    public Delivery(int schemaVersion, UUID deliveryId, UUID alertId, UUID channelId, String channelName,
                    DeliveryState state, int attempts, String lastError, Instant firstOwedAt, Instant nextAttemptAt,
                    Instant recordedAt, Alert alert) {
        this(schemaVersion, deliveryId, alertId, channelId, channelName, state, attempts, lastError, firstOwedAt,
                nextAttemptAt, recordedAt, alert, null);
    }

    private static final UUID DELIVERY_NAMESPACE = UUID.fromString("5b0e4d52-8a1f-4b8e-9c53-4f5d2d7c1a60");

    /** The same alert on the same channel is always the same delivery. */
    public static UUID idOf(UUID alertId, UUID channelId) {
        return NameBasedUuid.v5(DELIVERY_NAMESPACE, alertId + "\n" + channelId);
    }

    public static Delivery owed(Alert alert, Channel channel, Instant now) {
        return new Delivery(SCHEMA_VERSION, idOf(alert.alertId(), channel.channelId()), alert.alertId(),
                channel.channelId(), channel.name(), DeliveryState.OWED, 0, null, now, now, now, alert, null);
    }

    /** Owed but held until {@code until}, when it is owed again if its alert is still open. */
    public static Delivery held(Alert alert, Channel channel, String reason, Instant until, Instant now) {
        return new Delivery(SCHEMA_VERSION, idOf(alert.alertId(), channel.channelId()), alert.alertId(),
                channel.channelId(), channel.name(), DeliveryState.HELD, 0, null, now, until, now, alert, reason);
    }

    /** Never sent, for {@code reason}. */
    public static Delivery suppressed(Alert alert, Channel channel, String reason, Instant now) {
        return new Delivery(SCHEMA_VERSION, idOf(alert.alertId(), channel.channelId()), alert.alertId(),
                channel.channelId(), channel.name(), DeliveryState.SUPPRESSED, 0, null, now, null, now, alert, reason);
    }

    /** A held delivery whose hold ended: owed from now, so its retry period starts now. */
    public Delivery released(Instant now) {
        return new Delivery(SCHEMA_VERSION, deliveryId, alertId, channelId, channelName, DeliveryState.OWED, attempts,
                null, now, now, now, alert, null);
    }

    /** A held delivery that will not be sent after all. */
    public Delivery suppressed(String why, Instant now) {
        return new Delivery(SCHEMA_VERSION, deliveryId, alertId, channelId, channelName, DeliveryState.SUPPRESSED,
                attempts, null, firstOwedAt, null, now, alert, why);
    }

    public Delivery delivered(Instant now) {
        return next(DeliveryState.DELIVERED, null, null, now);
    }

    public Delivery retrying(String error, Instant nextAttempt, Instant now) {
        return next(DeliveryState.RETRYING, error, nextAttempt, now);
    }

    public Delivery failed(String error, Instant now) {
        return next(DeliveryState.FAILED, error, null, now);
    }

    private Delivery next(DeliveryState nextState, String error, Instant nextAttempt, Instant now) {
        return new Delivery(SCHEMA_VERSION, deliveryId, alertId, channelId, channelName, nextState, attempts + 1, error,
                firstOwedAt, nextAttempt, now, alert, null);
    }
}
