package io.taskmon.dashboard;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** The one place a rejected dashboard request becomes its HTTP answer. */
@Produces
@Singleton
public class ApiRejectedHandler implements ExceptionHandler<ApiRejected, HttpResponse<ErrorBody>> {

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, ApiRejected rejected) {
        MutableHttpResponse<ErrorBody> response = HttpResponse.<ErrorBody>status(rejected.status())
                .body(new ErrorBody(rejected.getMessage()));
        if (rejected.retryAfterSeconds() != null) {
            response.header("Retry-After", Integer.toString(rejected.retryAfterSeconds()));
        }
        return response;
    }
}
