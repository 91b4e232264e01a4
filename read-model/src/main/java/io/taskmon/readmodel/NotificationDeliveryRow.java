package io.taskmon.readmodel;

import java.time.Instant;
import java.util.Comparator;
import java.util.Set;
import java.util.UUID;

/**
 * One row of {@code taskmon.notification_deliveries}: one alert on one channel, as far as its
 * latest step took it.
 *
 * @param status   {@code owed}, {@code retrying}, {@code delivered} or {@code failed}
 * @param sentAt   when the channel took the alert; null until it did
 */
public record NotificationDeliveryRow(
        UUID deliveryId,
        UUID alertId,
        UUID channelId,
        String channelName,
        String status,
        int attempts,
        String lastError,
        Instant firstOwedAt,
        Instant nextAttemptAt,
        Instant sentAt,
        Instant updatedAt) {

    private static final Set<String> FINAL = Set.of("delivered", "failed");

    /**
     * How far along a step is: final beats not final, then more attempts, then later. The same
     * order as the upsert's condition, so a batch keeps the step the table would keep.
     */
    public static final Comparator<NotificationDeliveryRow> PROGRESS =
            Comparator.comparing((NotificationDeliveryRow row) -> FINAL.contains(row.status()))
                    .thenComparingInt(NotificationDeliveryRow::attempts)
                    .thenComparing(NotificationDeliveryRow::updatedAt);

    /** The further along of this step and {@code other}, keeping a channel name either of them knows. */
    public NotificationDeliveryRow furthest(NotificationDeliveryRow other) {
        NotificationDeliveryRow ahead = PROGRESS.compare(other, this) > 0 ? other : this;
        NotificationDeliveryRow behind = ahead == this ? other : this;
        if (ahead.channelName() != null || behind.channelName() == null) {
            return ahead;
        }
        return new NotificationDeliveryRow(ahead.deliveryId(), ahead.alertId(), ahead.channelId(),
                behind.channelName(), ahead.status(), ahead.attempts(), ahead.lastError(), ahead.firstOwedAt(),
                ahead.nextAttemptAt(), ahead.sentAt(), ahead.updatedAt());
    }
}
