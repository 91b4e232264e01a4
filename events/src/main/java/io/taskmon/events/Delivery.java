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
        Alert alert) {

    public static final int SCHEMA_VERSION = 1;

    private static final UUID DELIVERY_NAMESPACE = UUID.fromString("5b0e4d52-8a1f-4b8e-9c53-4f5d2d7c1a60");

    /** The same alert on the same channel is always the same delivery. */
    public static UUID idOf(UUID alertId, UUID channelId) {
        return NameBasedUuid.v5(DELIVERY_NAMESPACE, alertId + "\n" + channelId);
    }

    public static Delivery owed(Alert alert, Channel channel, Instant now) {
        return new Delivery(SCHEMA_VERSION, idOf(alert.alertId(), channel.channelId()), alert.alertId(),
                channel.channelId(), channel.name(), DeliveryState.OWED, 0, null, now, now, now, alert);
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
                firstOwedAt, nextAttempt, now, alert);
    }
}
