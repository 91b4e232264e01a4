package io.taskmon.notifier.admin;

import io.taskmon.events.MonitorMute;
import io.taskmon.web.RequestRejected;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** Reads the body of {@code PUT /api/monitors/{id}/mute}: one 400 sentence for a bad field. */
final class MuteRequest {

    static final String EXAMPLE = "{\"until\": \"2026-12-24T08:00:00+09:00\"}";
    /** A snooze is for a while; a monitor that should stay quiet for longer is better disabled. */
    static final Duration LONGEST = Duration.ofDays(366);

    private MuteRequest() {
    }

    static MonitorMute read(byte[] body, UUID monitorId, Instant now) {
        JsonObjectBody json = JsonObjectBody.parse(body, EXAMPLE);
        String text = json.optionalText("until", 64);
        if (text == null || text.isBlank()) {
            throw RequestRejected.badRequest("until is required and must be an ISO-8601 time such as "
                    + "2026-12-24T08:00:00+09:00");
        }
        Instant until = instant(text);
        if (!until.isAfter(now)) {
            throw RequestRejected.badRequest("until must be in the future, got " + text
                    + "; DELETE the mute to end it now");
        }
        if (until.isAfter(now.plus(LONGEST))) {
            throw RequestRejected.badRequest("until must be at most " + LONGEST.toDays()
                    + " days ahead, got " + text + "; disable the monitor to silence it for longer");
        }
        return new MonitorMute(monitorId, until, now);
    }

    /** ISO-8601 with an offset, or without one, which means UTC as everywhere in taskmon. */
    private static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException withoutOffset) {
                throw RequestRejected.badRequest("until must be an ISO-8601 time such as "
                        + "2026-12-24T08:00:00+09:00, got '" + text + "'");
            }
        }
    }
}
