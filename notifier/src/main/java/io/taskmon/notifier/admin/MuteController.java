package io.taskmon.notifier.admin;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** {@code /api/monitors/{id}/mute}: snoozing one monitor's notifications. Every endpoint needs the admin key. */
@Requires(beans = NotifierAdmin.class)
@Controller("/api/monitors/{monitorId}/mute")
@ExecuteOn(TaskExecutors.BLOCKING)
public class MuteController {

    private final NotifierAdmin admin;

    MuteController(NotifierAdmin admin) {
        this.admin = admin;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> one(String monitorId, @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        admin.access().require(authorization);
        return AdminJson.status(HttpStatus.OK, admin.mute(AdminJson.id("monitor id", monitorId)));
    }

    // Any content type is let in so that a wrong body gets our own 400 sentence, not a bare 415.
    @Put(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> mute(String monitorId, @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                                     @Nullable @Body byte[] body) {
        admin.access().require(authorization);
        return AdminJson.status(HttpStatus.OK, admin.muteMonitor(AdminJson.id("monitor id", monitorId), body));
    }

    @Delete(consumes = MediaType.ALL)
    public HttpResponse<Void> unmute(String monitorId, @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        admin.access().require(authorization);
        admin.unmuteMonitor(AdminJson.id("monitor id", monitorId));
        return HttpResponse.noContent();
    }
}
