package io.taskmon.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;

/** A surface that turns every request down, the way the gateway and the dashboard do. */
@Controller("/test")
@Requires(property = "taskmon.web.test", value = "true")
class RejectingController {

    @Get("/missing")
    String missing() {
        throw RequestRejected.notFound("There is no monitor m-1");
    }

    @Get("/busy")
    String busy() {
        throw new RequestRejected(HttpStatus.TOO_MANY_REQUESTS, "Too many reports for this key; retry after 3 s", 3, null);
    }

    @Post(uri = "/echo", consumes = MediaType.ALL)
    String echo(@Body String body) {
        return body;
    }
}
