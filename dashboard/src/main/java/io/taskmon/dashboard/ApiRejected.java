package io.taskmon.dashboard;

import io.micronaut.http.HttpStatus;

/**
 * A request the dashboard turns down, with the answer it gets: the status and one sentence
 * naming the parameter or the problem; for temporary refusals, seconds to wait before a retry.
 */
public class ApiRejected extends RuntimeException {

    private final HttpStatus status;
    private final Integer retryAfterSeconds;

    public ApiRejected(HttpStatus status, String sentence) {
        this(status, sentence, null, null);
    }

    public ApiRejected(HttpStatus status, String sentence, Integer retryAfterSeconds, Throwable cause) {
        super(sentence, cause, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiRejected badRequest(String sentence) {
        return new ApiRejected(HttpStatus.BAD_REQUEST, sentence);
    }

    public static ApiRejected notFound(String sentence) {
        return new ApiRejected(HttpStatus.NOT_FOUND, sentence);
    }

    public HttpStatus status() {
        return status;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
