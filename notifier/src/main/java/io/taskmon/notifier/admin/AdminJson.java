package io.taskmon.notifier.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.taskmon.events.EventJson;
import io.taskmon.web.RequestRejected;
import java.util.UUID;

/** Answers in the events' JSON mapping, as every other taskmon API. */
final class AdminJson {

    private AdminJson() {
    }

    static HttpResponse<byte[]> status(HttpStatus status, Object body) {
        try {
            return HttpResponse.<byte[]>status(status)
                    .contentType(MediaType.APPLICATION_JSON_TYPE)
                    .header("Cache-Control", "no-store")
                    .body(EventJson.mapper().writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }

    static UUID id(String name, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw RequestRejected.badRequest(name + " must be a UUID, got '" + value + "'");
        }
    }
}
