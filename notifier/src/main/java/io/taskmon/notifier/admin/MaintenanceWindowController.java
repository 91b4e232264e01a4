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
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** {@code /api/maintenance-windows}: recurring times when matching monitors are muted. Every endpoint needs the admin key. */
@Requires(beans = NotifierAdmin.class)
@Controller("/api/maintenance-windows")
@ExecuteOn(TaskExecutors.BLOCKING)
public class MaintenanceWindowController {

    private final NotifierAdmin admin;

    MaintenanceWindowController(NotifierAdmin admin) {
        this.admin = admin;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> list(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        admin.access().require(authorization);
        return AdminJson.status(HttpStatus.OK, admin.maintenanceWindows());
    }

    @Get(uri = "/{windowId}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> one(String windowId, @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        admin.access().require(authorization);
        return AdminJson.status(HttpStatus.OK, admin.maintenanceWindow(AdminJson.id("maintenance window id", windowId)));
    }

    // Any content type is let in so that a wrong body gets our own 400 sentence, not a bare 415.
    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> create(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                                       @Nullable @Body byte[] body) {
        admin.access().require(authorization);
        return AdminJson.status(HttpStatus.CREATED, admin.createMaintenanceWindow(body));
    }

    @Delete(uri = "/{windowId}", consumes = MediaType.ALL)
    public HttpResponse<Void> delete(String windowId, @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        admin.access().require(authorization);
        admin.deleteMaintenanceWindow(AdminJson.id("maintenance window id", windowId));
        return HttpResponse.noContent();
    }
}
