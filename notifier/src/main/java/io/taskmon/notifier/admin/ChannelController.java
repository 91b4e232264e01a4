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

/** {@code /api/channels}: where alerts can be delivered. Every endpoint needs the admin key. */
@Requires(beans = NotifierAdmin.class)
@Controller("/api/channels")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ChannelController {

    private final NotifierAdmin admin;

    ChannelController(NotifierAdmin admin) {
        this.admin = admin;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> list(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        admin.access().require(authorization);
        return AdminJson.status(HttpStatus.OK, admin.channels());
    }

    @Get(uri = "/{channelId}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> one(String channelId, @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        admin.access().require(authorization);
        return AdminJson.status(HttpStatus.OK, admin.channel(AdminJson.id("channel id", channelId)));
    }

    // Any content type is let in so that a wrong body gets our own 400 sentence, not a bare 415.
    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> create(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                                       @Nullable @Body byte[] body) {
        admin.access().require(authorization);
        return AdminJson.status(HttpStatus.CREATED, admin.createChannel(body));
    }

    @Put(uri = "/{channelId}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> replace(String channelId, @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                                        @Nullable @Body byte[] body) {
        admin.access().require(authorization);
        return AdminJson.status(HttpStatus.OK, admin.replaceChannel(AdminJson.id("channel id", channelId), body));
    }

    /** Blocks for one attempt at most (TASKMON_NOTIFY_TIMEOUT): the answer is its outcome. */
    @Post(uri = "/{channelId}/test", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> test(String channelId, @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        admin.access().require(authorization);
        return AdminJson.status(HttpStatus.OK, admin.testChannel(AdminJson.id("channel id", channelId)));
    }

    @Delete(uri = "/{channelId}", consumes = MediaType.ALL)
    public HttpResponse<Void> delete(String channelId, @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        admin.access().require(authorization);
        admin.deleteChannel(AdminJson.id("channel id", channelId));
        return HttpResponse.noContent();
    }
}
