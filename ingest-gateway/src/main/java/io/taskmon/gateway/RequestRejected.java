package io.taskmon.gateway;

import io.micronaut.http.HttpStatus;

/**
 * A request the gateway turns down, with the answer it gets: the status, one sentence naming
 * the problem, and for temporary refusals how many seconds to wait before retrying.
 */
public class RequestRejected extends RuntimeException {

    private final HttpStatus status;
    private final Integer retryAfterSeconds;

    public RequestRejected(HttpStatus status, String sentence) {
        this(status, sentence, null, null);
    }

    public RequestRejected(HttpStatus status, String sentence, Integer retryAfterSeconds, Throwable cause) {
        super(sentence, cause, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static RequestRejected badRequest(String sentence) {
        return new RequestRejected(HttpStatus.BAD_REQUEST, sentence);
    }

    public HttpStatus status() {
        return status;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
