package io.taskmon.dashboard;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;

/**
 * {@code GET /api/alerts}: open alerts (default) or all, newest first, optionally of one monitor;
 * {@code GET /api/alerts/{id}}: one alert and its deliveries.
 */
@Requires(beans = DashboardSettings.class)
@Controller("/api/alerts")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AlertController {

    private final AlertReader reader;

    AlertController(AlertReader reader) {
        this.reader = reader;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> alerts(HttpRequest<?> request) {
        Params params = Params.of(request, "state", "monitor_id", "limit", "offset");
        String state = params.choice("state", List.of("open", "all"));
        return Json.ok(reader.alerts(!"all".equals(state), params.uuid("monitor_id"),
                params.bounded("limit", 50, 1, MonitorController.MAX_LIMIT),
                params.bounded("offset", 0, 0, MonitorController.MAX_OFFSET)));
    }

    @Get(uri = "/{alertId}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> alert(String alertId, HttpRequest<?> request) {
        Params.of(request);
        return Json.ok(reader.alert(Params.uuid("alert_id", alertId)));
    }
}
