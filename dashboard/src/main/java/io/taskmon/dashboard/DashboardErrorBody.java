package io.taskmon.dashboard;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;

/**
 * Errors the framework raises before dashboard code runs (unknown path, wrong method) get the
 * {@code {"error": ...}} shape. When the gateway shares the server (standalone), its own
 * provider already does this for both, so this one stands back.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
@Requires(missingClasses = "io.taskmon.gateway.FrameworkErrorBody")
public class DashboardErrorBody implements JsonErrorResponseBodyProvider<ErrorBody> {

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
        if (status.getCode() >= 500) {
            // Never echo internals; the log has the details.
            return new ErrorBody("The dashboard failed to handle the request");
        }
        return new ErrorBody(context.getErrors().stream().findFirst()
                .map(Error::getMessage)
                .orElse(status.getReason()));
    }
}
