package io.taskmon.dashboard;

import io.taskmon.readmodel.AlertDao;
import io.taskmon.readmodel.AlertRow;
import io.taskmon.readmodel.NotificationDeliveryDao;
import io.taskmon.readmodel.NotificationDeliveryRow;
import io.taskmon.web.RequestRejected;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Alerts newest first: the open ones (raised, not yet resolved) or all of them; one alert with where it went. */
public final class AlertReader {

    /** {@code openCount} counts every open alert that matches, whichever state was asked for. */
    public record AlertPage(String state, UUID monitorId, List<AlertRow> alerts, long openCount, int limit,
                            int offset, boolean hasMore) {
    }

    /** One alert and its deliveries: each channel it went to, how far that got and when it was sent. */
    public record AlertDetail(AlertRow alert, List<NotificationDeliveryRow> deliveries) {
    }

    private final AlertDao alerts;
    private final NotificationDeliveryDao deliveries;

    public AlertReader(Jdbi jdbi) {
        this.alerts = jdbi.onDemand(AlertDao.class);
        this.deliveries = jdbi.onDemand(NotificationDeliveryDao.class);
    }

    public AlertDetail alert(UUID alertId) {
        AlertRow alert = alerts.find(alertId)
                .orElseThrow(() -> RequestRejected.notFound("There is no alert " + alertId));
        return new AlertDetail(alert, deliveries.ofAlert(alertId));
    }

    public AlertPage alerts(boolean openOnly, UUID monitorId, int limit, int offset) {
        List<AlertRow> page = openOnly
                ? alerts.open(monitorId, limit + 1, offset)
                : alerts.all(monitorId, limit + 1, offset);
        return new AlertPage(openOnly ? "open" : "all", monitorId, page.subList(0, Math.min(limit, page.size())),
                alerts.countOpen(monitorId), limit, offset, page.size() > limit);
    }
}
