package io.taskmon.web;

import io.micronaut.http.HttpStatus;

/**
 * A request turned down, with the answer it gets: the status, one sentence naming the field,
 * parameter or problem, and for temporary refusals how many seconds to wait before retrying.
 */
public class RequestRejected extends RuntimeException {

    private final HttpStatus status;
    private final Integer retryAfterSeconds;

    public RequestRejected(HttpStatus status, String sentence) {
        this(status, sentence, null, null);
    }

    public RequestRejected(HttpStatus status, String sentence, Integer retryAfterSeconds, Throwable cause) {
        // No stack trace: a rejection is an answer, not a fault, and bad input is the hot path too.
        super(sentence, cause, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static RequestRejected badRequest(String sentence) {
        return new RequestRejected(HttpStatus.BAD_REQUEST, sentence);
    }

    public static RequestRejected notFound(String sentence) {
        return new RequestRejected(HttpStatus.NOT_FOUND, sentence);
    }

    public HttpStatus status() {
        return status;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
