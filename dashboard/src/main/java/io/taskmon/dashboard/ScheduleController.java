package io.taskmon.dashboard;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.taskmon.events.MonitorConfig;
import io.taskmon.web.RequestRejected;

/**
 * {@code GET /api/schedules/preview?cron=&timezone=} or {@code ?interval_seconds=}: the next three
 * expected runs of a schedule, for the monitor page's configuration form. Reads nothing stored.
 */
@Requires(beans = DashboardSettings.class)
@Controller("/api/schedules")
public class ScheduleController {

    private final SchedulePreview previews;

    ScheduleController(SchedulePreview previews) {
        this.previews = previews;
    }

    @Get(uri = "/preview", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> preview(HttpRequest<?> request) {
        Params params = Params.of(request, "cron", "timezone", "interval_seconds");
        return Json.ok(previews.preview(params.text("cron", 256), params.text("timezone", 64), interval(params)));
    }

    private static Long interval(Params params) {
        String value = params.text("interval_seconds", 20);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw RequestRejected.badRequest("interval_seconds must be a whole number from "
                    + MonitorConfig.MIN_INTERVAL_SECONDS + " to " + MonitorConfig.MAX_INTERVAL_SECONDS);
        }
    }
}
