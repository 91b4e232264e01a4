-- Deliveries: where each alert went and when (taskmon.notifications.v1, written by the notifier).
-- One row per delivery (one alert on one channel), the latest step the projector has seen.
--
-- A step only replaces the row when it is further along: final (delivered, failed) beats not
-- final, then more attempts, then a later step. So a step read twice (a replay, a rebuild) or
-- late (a crash between the notifier's writes) never moves a delivery backwards; see
-- NotificationDeliveryDao.upsert.
create table taskmon.notification_deliveries (
    delivery_id      uuid        primary key,   -- stable per alert and channel: the webhook-id
    alert_id         uuid        not null,
    channel_id       uuid        not null,
    channel_name     text,                      -- as it was named when the delivery became owed
    status           text        not null,      -- owed | retrying | delivered | failed
    attempts         int         not null,
    last_error       text,                      -- why the latest attempt failed; null once delivered
    first_owed_at    timestamptz,
    next_attempt_at  timestamptz,               -- owed and retrying deliveries only
    sent_at          timestamptz,               -- when the channel took the alert
    updated_at       timestamptz not null       -- when the latest step happened
);

-- An alert's page lists its deliveries.
create index notification_deliveries_alert_idx on taskmon.notification_deliveries (alert_id);

-- V3's default privileges already cover a new table; said again so this table's roles read in one place.
grant select, insert, update, delete, truncate on taskmon.notification_deliveries to taskmon_projector;
grant select on taskmon.notification_deliveries to taskmon_reader;
