package io.taskmon.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;

/**
 * Errors the framework raises before taskmon code runs (unknown path, wrong method, body over
 * the size limit) get the same {@code {"error": ...}} shape as every other answer. One bean
 * serves every surface, also when the gateway and the dashboard share one server.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
public class FrameworkErrorBody implements JsonErrorResponseBodyProvider<ErrorBody> {

    /** The 413 sentence, also for the gateway's own per-report limit, so both read the same. */
    public static final String BODY_TOO_LARGE = "The request body is larger than the gateway accepts";

    @Override
    public ErrorBody body(ErrorContext context, HttpResponse<?> response) {
        String method = context.getRequest().getMethodName();
        String path = context.getRequest().getPath();
        HttpStatus status = response.getStatus();
        if (status == HttpStatus.NOT_FOUND) {
            return new ErrorBody("There is no endpoint at " + method + " " + path);
        }
        if (status == HttpStatus.METHOD_NOT_ALLOWED) {
            return new ErrorBody("Method " + method + " is not allowed on " + path);
        }
        if (status == HttpStatus.REQUEST_ENTITY_TOO_LARGE) {
            return new ErrorBody(BODY_TOO_LARGE);
        }
        if (status.getCode() >= 500) {
            // Never echo internals; the log has the details.
            return new ErrorBody("The server failed to handle the request");
        }
        return new ErrorBody(context.getErrors().stream().findFirst()
                .map(Error::getMessage)
                .orElse(status.getReason()));
    }
}
