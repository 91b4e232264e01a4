package io.taskmon.dashboard;

import io.taskmon.readmodel.AlertDao;
import io.taskmon.readmodel.AlertRow;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Alerts newest first: the open ones (raised, not yet resolved) or all of them. */
public final class AlertReader {

    /** {@code openCount} counts every open alert that matches, whichever state was asked for. */
    public record AlertPage(String state, UUID monitorId, List<AlertRow> alerts, long openCount, int limit,
                            int offset, boolean hasMore) {
    }

    private final AlertDao alerts;

    public AlertReader(Jdbi jdbi) {
        this.alerts = jdbi.onDemand(AlertDao.class);
    }

    public AlertPage alerts(boolean openOnly, UUID monitorId, int limit, int offset) {
        List<AlertRow> page = openOnly
                ? alerts.open(monitorId, limit + 1, offset)
                : alerts.all(monitorId, limit + 1, offset);
        return new AlertPage(openOnly ? "open" : "all", monitorId, page.subList(0, Math.min(limit, page.size())),
                alerts.countOpen(monitorId), limit, offset, page.size() > limit);
    }
}
