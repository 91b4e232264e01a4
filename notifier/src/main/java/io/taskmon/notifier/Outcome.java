package io.taskmon.notifier;

import java.time.Duration;

/** What one delivery attempt came to. */
public sealed interface Outcome {

    /** The channel took the alert. */
    record Sent() implements Outcome {
    }

    /**
     * The channel did not take it.
     *
     * @param error      one line for people: what went wrong, never a secret or a URL's token
     * @param retryAfter how long the receiver asked us to wait (429 or 503 with Retry-After), or null
     * @param timedOut   the receiver did not answer in time: it may still have taken the alert
     */
    record NotSent(String error, Duration retryAfter, boolean timedOut) implements Outcome {

        public NotSent(String error, Duration retryAfter) {
            this(error, retryAfter, false);
        }
    }

    static Outcome sent() {
        return new Sent();
    }

    static Outcome notSent(String error) {
        return new NotSent(error, null);
    }

    static Outcome timedOut(String error) {
        return new NotSent(error, null, true);
    }
}
