package io.taskmon.notifier;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * One JSON POST to a receiver and what it came to, shared by the HTTP channels. Any 2xx is
 * delivered; a 429 or 503 with {@code Retry-After} says how long the receiver wants to be left
 * alone. Errors name the host only: a URL's path often holds the receiver's token.
 */
final class JsonPost {

    /** Waiting longer than a day for one receiver would outlast the retry period anyway. */
    private static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;

    JsonPost(Duration timeout, Clock clock) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.timeout = timeout;
        this.clock = clock;
    }

    Outcome send(URI url, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "taskmon-notifier")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return Outcome.sent();
            }
            Duration retryAfter = status == 429 || status == 503
                    ? retryAfter(response.headers().firstValue("Retry-After")).orElse(null)
                    : null;
            return new Outcome.NotSent("HTTP " + status + " from " + url.getHost(), retryAfter);
        } catch (HttpTimeoutException e) {
            return Outcome.timedOut("no answer from " + url.getHost() + " within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return Outcome.notSent("cannot reach " + url.getHost() + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.notSent("the notifier stopped during the attempt");
        }
    }

    /** {@code Retry-After} as seconds or an HTTP date (RFC 9110); empty when absent or unreadable. */
    Optional<Duration> retryAfter(Optional<String> header) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get().trim();
        Duration wait;
        try {
            wait = Duration.ofSeconds(Long.parseLong(value));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                wait = Duration.between(clock.instant(), at);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
        if (wait.isNegative()) {
            return Optional.of(Duration.ZERO);
        }
        return Optional.of(wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait);
    }
}
