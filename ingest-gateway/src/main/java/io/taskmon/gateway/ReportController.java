package io.taskmon.gateway;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.taskmon.events.TaskRunReported;

/** {@code POST /api/monitor/report}: check the key, parse the report, publish it, answer. */
@Controller("/api/monitor")
public class ReportController {

    static final String TC_PORTAL_SECRET_HEADER = "X-TC-Portal-Secret";

    private final IngestKeys keys;
    private final ReportParser parser;
    private final RunPublisher publisher;

    ReportController(IngestKeys keys, ReportParser parser, RunPublisher publisher) {
        this.keys = keys;
        this.parser = parser;
        this.publisher = publisher;
    }

    // Any content type is let in so that a wrong one gets our own 400 sentence, not a bare 415.
    @Post(uri = "/report", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public ReportAccepted report(
            HttpRequest<?> request,
            @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
            @Nullable @Header(TC_PORTAL_SECRET_HEADER) String tcPortalSecret,
            @Nullable @Body byte[] body) {
        if (!keys.accepts(IngestKeys.presentedKey(authorization, tcPortalSecret))) {
            throw new RequestRejected(HttpStatus.UNAUTHORIZED, "Invalid or missing secret");
        }
        requireJson(request);
        TaskRunReported run = parser.parse(body);
        publisher.publish(run);
        return new ReportAccepted(true, run.monitorId(), run.taskKey(), run.eventId());
    }

    private static void requireJson(HttpRequest<?> request) {
        MediaType type = request.getContentType().orElse(null);
        boolean json = type != null && ("application".equals(type.getType())
                && ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json")));
        if (!json) {
            throw RequestRejected.badRequest("Content-Type must be application/json");
        }
    }
}
