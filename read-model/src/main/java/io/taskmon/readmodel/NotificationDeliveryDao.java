package io.taskmon.readmodel;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code taskmon.notification_deliveries}: where each alert went, one row per alert and channel. */
@RegisterConstructorMapper(NotificationDeliveryRow.class)
public interface NotificationDeliveryDao {

    /**
     * A step replaces the row only when it is further along ({@link NotificationDeliveryRow#PROGRESS}):
     * the notifications topic is read again on a rebuild, and a delivery's steps can arrive late,
     * so the same or an older step must be a no-op rather than undo a delivery.
     */
    @SqlBatch("""
            insert into taskmon.notification_deliveries as d (delivery_id, alert_id, channel_id, channel_name, status,
                                                              attempts, last_error, first_owed_at, next_attempt_at,
                                                              sent_at, updated_at)
            values (:deliveryId, :alertId, :channelId, :channelName, :status,
                    :attempts, :lastError, :firstOwedAt, :nextAttemptAt,
                    :sentAt, :updatedAt)
            on conflict (delivery_id) do update
               set channel_name = coalesce(excluded.channel_name, d.channel_name), status = excluded.status,
                   attempts = excluded.attempts, last_error = excluded.last_error,
                   first_owed_at = coalesce(d.first_owed_at, excluded.first_owed_at),
                   next_attempt_at = excluded.next_attempt_at, sent_at = coalesce(excluded.sent_at, d.sent_at),
                   updated_at = excluded.updated_at
             where (excluded.status in ('delivered', 'failed'), excluded.attempts, excluded.updated_at)
                 > (d.status in ('delivered', 'failed'), d.attempts, d.updated_at)
            """)
    void upsert(@BindMethods List<NotificationDeliveryRow> deliveries);

    /** Where one alert went, by channel name. */
    @SqlQuery("""
            select * from taskmon.notification_deliveries
             where alert_id = :alertId
             order by channel_name nulls last, channel_id""")
    List<NotificationDeliveryRow> ofAlert(@Bind("alertId") UUID alertId);

    /**
     * Retention: deletes at most {@code limit} deliveries whose alert retention has already
     * deleted and that last changed before {@code cutoff}. An open alert keeps its deliveries
     * however old they are, as it keeps itself.
     */
    @SqlUpdate("""
            delete from taskmon.notification_deliveries where ctid = any(array(
                select d.ctid from taskmon.notification_deliveries d
                 where d.updated_at < :cutoff
                   and not exists (select 1 from taskmon.alerts a where a.alert_id = d.alert_id)
                 limit :limit))
            """)
    int deleteOfDeletedAlertsBefore(@Bind("cutoff") Instant cutoff, @Bind("limit") int limit);

    /** Deletes where the alerts of deleted monitors went; called before those alerts are deleted. */
    @SqlUpdate("""
            delete from taskmon.notification_deliveries
             where alert_id in (select alert_id from taskmon.alerts where monitor_id in (<ids>))
            """)
    int deleteOfMonitors(@BindList("ids") Collection<UUID> monitorIds);
}
