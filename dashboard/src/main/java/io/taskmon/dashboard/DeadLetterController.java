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
 * {@code GET /api/dead-letters}: records a consumer could not read or store, newest first, and
 * how many wait for replay. Replaying is {@code ./taskmon dead-letters replay}, not an HTTP call:
 * the dashboard only reads.
 */
@Requires(beans = DashboardSettings.class)
@Controller("/api/dead-letters")
@ExecuteOn(TaskExecutors.BLOCKING)
public class DeadLetterController {

    private final DeadLetterReader reader;

    DeadLetterController(DeadLetterReader reader) {
        this.reader = reader;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> deadLetters(HttpRequest<?> request) {
        Params params = Params.of(request, "state", "limit", "offset");
        String state = params.choice("state", List.of("all", "waiting"));
        return Json.ok(reader.deadLetters("waiting".equals(state),
                params.bounded("limit", 50, 1, MonitorController.MAX_LIMIT),
                params.bounded("offset", 0, 0, MonitorController.MAX_OFFSET)));
    }
}
