package io.taskmon.gateway;

import io.micronaut.http.HttpStatus;
import io.taskmon.events.TaskRunReported;
import io.taskmon.web.FrameworkErrorBody;
import io.taskmon.web.RequestRejected;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * What the report endpoints do once the request is decoded: check the key, apply the key's
 * rate limit, parse, publish, and say for each report whether Kafka has it. Invalid input is a
 * {@link RequestRejected} thrown at once; a future fails only with Kafka's 503.
 */
public final class ReportIngest {

    /** A single report body over this is refused; only batches may be larger. */
    public static final int MAX_REPORT_BYTES = 256 * 1024;

    private final IngestKeys keys;
    private final RateLimiter rateLimiter;
    private final ReportParser parser;
    private final RunPublisher publisher;

    public ReportIngest(IngestKeys keys, RateLimiter rateLimiter, ReportParser parser, RunPublisher publisher) {
        this.keys = keys;
        this.rateLimiter = rateLimiter;
        this.parser = parser;
        this.publisher = publisher;
    }

    /** The index of the key the request presents; 401 when it presents none we know. */
    public int authorize(String authorization, String tcPortalSecret) {
        int key = keys.indexOf(IngestKeys.presentedKey(authorization, tcPortalSecret));
        if (key < 0) {
            throw new RequestRejected(HttpStatus.UNAUTHORIZED, "Invalid or missing secret");
        }
        return key;
    }

    /** Completes on {@code answerOn}, the thread that writes the answer, once Kafka has the report. */
    public CompletableFuture<ReportAccepted> report(int key, byte[] body, Executor answerOn) {
        if (body != null && body.length > MAX_REPORT_BYTES) {
            throw new RequestRejected(HttpStatus.REQUEST_ENTITY_TOO_LARGE, FrameworkErrorBody.BODY_TOO_LARGE);
        }
        limit(key, 1);
        TaskRunReported run = parser.parse(body);
        return publisher.publish(run).handleAsync((done, error) -> {
            if (error != null) {
                throw rejection(error);
            }
            return accepted(run);
        }, answerOn);
    }

    /**
     * Completes on {@code answerOn}, never exceptionally, once every report of the batch is in
     * Kafka or refused.
     */
    public CompletableFuture<BatchAnswer> batch(int key, byte[] body, boolean ndjson, Executor answerOn) {
        List<BatchBody.Item> items = BatchBody.read(body, ndjson);
        limit(key, items.size());
        BatchAnswer.Item[] answers = new BatchAnswer.Item[items.size()];
        List<TaskRunReported> runs = new ArrayList<>(items.size());
        List<Integer> positions = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            BatchBody.Item item = items.get(i);
            if (item.error() != null) {
                answers[i] = BatchAnswer.Item.refused(i, HttpStatus.BAD_REQUEST, item.error());
                continue;
            }
            try {
                runs.add(parser.parse(item.json()));
                positions.add(i);
            } catch (RequestRejected invalid) {
                answers[i] = BatchAnswer.Item.refused(i, invalid.status(), invalid.getMessage());
            }
        }
        List<CompletableFuture<Void>> published = runs.isEmpty() ? List.of() : publisher.publish(runs);
        List<CompletableFuture<Void>> outcomes = new ArrayList<>(published.size());
        for (int j = 0; j < published.size(); j++) {
            int index = positions.get(j);
            TaskRunReported run = runs.get(j);
            // Each future writes only its own slot, on the producer's thread (cheap); allOf below
            // makes those writes visible, and the answer is built once, on answerOn.
            outcomes.add(published.get(j).handle((done, error) -> {
                answers[index] = error == null
                        ? BatchAnswer.Item.accepted(index, accepted(run))
                        : BatchAnswer.Item.refused(index, HttpStatus.SERVICE_UNAVAILABLE, rejection(error).getMessage());
                return null;
            }));
        }
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
                .thenApplyAsync(done -> BatchAnswer.of(Arrays.asList(answers)), answerOn);
    }

    /** The rejection a failed publish future carries. */
    public static RequestRejected rejection(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof RequestRejected rejected ? rejected : RunPublisher.unavailable(cause);
    }

    private void limit(int key, int reports) {
        RateLimiter.Verdict verdict = rateLimiter.acquire(key, reports);
        if (!verdict.allowed()) {
            throw new RequestRejected(HttpStatus.TOO_MANY_REQUESTS,
                    "Too many reports for this key; retry after " + verdict.retryAfterSeconds() + " s",
                    verdict.retryAfterSeconds(), null);
        }
    }

    private static ReportAccepted accepted(TaskRunReported run) {
        return new ReportAccepted(true, run.monitorId(), run.taskKey(), run.eventId());
    }
}
