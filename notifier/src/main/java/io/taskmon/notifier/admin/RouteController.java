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
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** {@code /api/routes}: which alerts go to which channels. Every endpoint needs the admin key. */
@Requires(beans = NotifierAdmin.class)
@Controller("/api/routes")
@ExecuteOn(TaskExecutors.BLOCKING)
public class RouteController {

    private final NotifierAdmin admin;

    RouteController(NotifierAdmin admin) {
        this.admin = admin;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> list(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        admin.access().require(authorization);
        return AdminJson.status(HttpStatus.OK, admin.routes());
    }

    @Get(uri = "/{routeId}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> one(String routeId, @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        admin.access().require(authorization);
        return AdminJson.status(HttpStatus.OK, admin.route(AdminJson.id("route id", routeId)));
    }

    // Any content type is let in so that a wrong body gets our own 400 sentence, not a bare 415.
    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> create(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                                       @Nullable @Body byte[] body) {
        admin.access().require(authorization);
        return AdminJson.status(HttpStatus.CREATED, admin.createRoute(body));
    }

    @Put(uri = "/{routeId}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> replace(String routeId, @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                                        @Nullable @Body byte[] body) {
        admin.access().require(authorization);
        return AdminJson.status(HttpStatus.OK, admin.replaceRoute(AdminJson.id("route id", routeId), body));
    }

    @Delete(uri = "/{routeId}", consumes = MediaType.ALL)
    public HttpResponse<Void> delete(String routeId, @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        admin.access().require(authorization);
        admin.deleteRoute(AdminJson.id("route id", routeId));
        return HttpResponse.noContent();
    }
}
