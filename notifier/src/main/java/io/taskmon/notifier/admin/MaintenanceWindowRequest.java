package io.taskmon.notifier.admin;

import io.taskmon.events.CronSchedule;
import io.taskmon.events.MaintenanceWindow;
import io.taskmon.events.RouteMatch;
import io.taskmon.web.RequestRejected;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/** Reads the body of {@code POST /api/maintenance-windows}: one 400 sentence for the first bad field. */
final class MaintenanceWindowRequest {

    static final String EXAMPLE = "{\"name\": \"weekly patching\", \"match\": {\"machine\": \"WEB-01\"},"
            + " \"cron\": \"0 1 * * 6\", \"duration_seconds\": 7200, \"timezone\": \"Asia/Taipei\"}";
    static final Duration LONGEST = Duration.ofDays(7);

    private MaintenanceWindowRequest() {
    }

    static MaintenanceWindow read(byte[] body, UUID windowId, Instant now) {
        JsonObjectBody json = JsonObjectBody.parse(body, EXAMPLE);
        String name = json.requiredText("name", ChannelRequest.MAX_NAME);
        RouteMatch match = RouteRequest.match(json);
        String cron = json.requiredText("cron", 200);
        long duration = json.requiredWholeNumber("duration_seconds", 1, LONGEST.toSeconds(),
                "a whole number of seconds from 1 to " + LONGEST.toSeconds() + " (7 days)");
        String timezone = json.requiredText("timezone", 64);
        ZoneId zone = zone(timezone);
        try {
            CronSchedule.of(cron, zone);
        } catch (IllegalArgumentException e) {
            // CronSchedule says what is wrong as a sentence starting with "cron".
            throw RequestRejected.badRequest(e.getMessage());
        }
        return new MaintenanceWindow(windowId, name, match, cron.trim(), duration, zone.getId(), now);
    }

    private static ZoneId zone(String timezone) {
        try {
            // Region ids only: a fixed offset would not follow the zone's daylight saving time.
            if (!timezone.contains("/") && !timezone.equals("UTC")) {
                throw new DateTimeException("not a region");
            }
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw RequestRejected.badRequest("timezone must be an IANA time zone such as Asia/Taipei or UTC, got '"
                    + timezone + "'");
        }
    }
}
