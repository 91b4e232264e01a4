package io.taskmon.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** The one place a rejected request becomes its HTTP answer, on every surface. */
@Produces
@Singleton
public class RequestRejectedHandler implements ExceptionHandler<RequestRejected, HttpResponse<ErrorBody>> {

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, RequestRejected rejected) {
        return answer(rejected);
    }

    /** The answer for code that writes its own response (filters, asynchronous endpoints). */
    public static MutableHttpResponse<ErrorBody> answer(RequestRejected rejected) {
        MutableHttpResponse<ErrorBody> response = HttpResponse.<ErrorBody>status(rejected.status())
                .body(new ErrorBody(rejected.getMessage()));
        if (rejected.retryAfterSeconds() != null) {
            response.header(HttpHeaders.RETRY_AFTER, Integer.toString(rejected.retryAfterSeconds()));
        }
        return response;
    }
}
