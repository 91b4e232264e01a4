package io.taskmon.etl.source;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Opens a job's source as a stream: a local file, standard input ({@code -}), or an http(s)
 * URL fetched with retries on 429, 500, 502, 503, 504 and connection errors. Nothing is read
 * into memory as a whole.
 */
public final class SourceOpener {

    private static final Set<Integer> RETRYABLE = Set.of(429, 500, 502, 503, 504);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** A Retry-After longer than this is an outage; waiting it out is not the job's business. */
    private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

    /** An open source; {@code totalBytes} is known for files and for responses with a length. */
    public record OpenedSource(CountingInputStream stream, Long totalBytes) {
    }

    private final RetryPolicy retry;
    private final Consumer<String> onRetry;

    /** @param onRetry told, in one sentence, about each failed attempt that will be retried */
    public SourceOpener(RetryPolicy retry, Consumer<String> onRetry) {
        this.retry = retry;
        this.onRetry = onRetry;
    }

    public static boolean isUrl(String source) {
        return source.startsWith("http://") || source.startsWith("https://");
    }

    public OpenedSource open(String source) {
        if (source.equals("-")) {
            return new OpenedSource(new CountingInputStream(System.in), null);
        }
        if (isUrl(source)) {
            return openUrl(source);
        }
        Path file = Path.of(source);
        try {
            return new OpenedSource(new CountingInputStream(Files.newInputStream(file)), Files.size(file));
        } catch (NoSuchFileException e) {
            throw new SourceUnavailableException("the source file " + file + " does not exist");
        } catch (IOException e) {
            throw new SourceUnavailableException("cannot read the source file " + file + ": " + e.getMessage(), e);
        }
    }

    private OpenedSource openUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new SourceUnavailableException("the source URL is not valid: " + url);
        }
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
        String lastFailure = "";
        for (int attempt = 1; attempt <= retry.tries(); attempt++) {
            Duration wait = retry.backoffAfter(attempt);
            try {
                HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                int status = response.statusCode();
                if (status == 200) {
                    long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                    return new OpenedSource(new CountingInputStream(response.body()), length >= 0 ? length : null);
                }
                response.body().close();
                if (!RETRYABLE.contains(status)) {
                    throw new SourceUnavailableException("GET " + url + " answered HTTP " + status
                            + "; not retried, as only 429, 500, 502, 503 and 504 are");
                }
                lastFailure = "HTTP " + status;
                Duration retryAfter = retryAfter(response);
                if (retryAfter.compareTo(wait) > 0) {
                    wait = retryAfter;
                }
            } catch (IOException e) {
                lastFailure = "connection error (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceUnavailableException("interrupted while fetching " + url);
            }
            if (attempt < retry.tries()) {
                onRetry.accept("GET " + url + " failed with " + lastFailure + " (try " + attempt + " of "
                        + retry.tries() + "); retrying in " + wait.toMillis() + " ms");
                pause(wait);
            }
        }
        throw new SourceUnavailableException("cannot fetch " + url + ": " + lastFailure + " on each of "
                + retry.tries() + " tries");
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After")
                .filter(v -> v.matches("\\d{1,6}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v)))
                .filter(d -> d.compareTo(MAX_RETRY_AFTER) <= 0)
                .orElse(Duration.ZERO);
    }

    private static void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceUnavailableException("interrupted while waiting to retry");
        }
    }
}
