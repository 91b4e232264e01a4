package io.taskmon.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.taskmon.events.EventJson;

/**
 * Answers are written by the one taskmon JSON mapping (snake_case, ISO-8601 instants, nulls
 * left out), so the API speaks exactly like the events it is built from.
 */
final class Json {

    private Json() {
    }

    static HttpResponse<byte[]> ok(Object body) {
        return status(HttpStatus.OK, body);
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
}
