package io.taskmon.dashboard;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * {@code GET /api/incidents}: failing, missed and timed-out enabled monitors (latest run first)
 * and their count, the badge.
 */
@Requires(beans = DashboardSettings.class)
@Controller("/api/incidents")
@ExecuteOn(TaskExecutors.BLOCKING)
public class IncidentController {

    static final int MAX_LIMIT = 1000;

    private final MonitorReader reader;

    IncidentController(MonitorReader reader) {
        this.reader = reader;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> incidents(HttpRequest<?> request) {
        Params params = Params.of(request, "limit", "offset");
        return Json.ok(reader.incidents(params.bounded("limit", 100, 1, MAX_LIMIT),
                params.bounded("offset", 0, 0, MonitorController.MAX_OFFSET)));
    }
}
