package io.taskmon.projector;

import io.taskmon.projector.ReadModelWriter.OffsetsMovedException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a database step until it succeeds, backing off between tries, and never skips it: the
 * same batch is retried, so nothing is lost while PostgreSQL is away. Says once in the log
 * when the database answers again.
 */
final class DatabaseRetry {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseRetry.class);

    private final String consumerGroup;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final CountDownLatch stopping;
    private volatile boolean failing;

    DatabaseRetry(String consumerGroup, Duration firstBackoff, Duration maxBackoff, CountDownLatch stopping) {
        this.consumerGroup = consumerGroup;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        this.stopping = stopping;
    }

    /** True while the last step that was tried has not reached the database. */
    boolean failing() {
        return failing;
    }

    /** The step's answer; empty once the projector is stopping. A moved offset is not retried: it is rethrown. */
    <T> Optional<T> untilTheDatabaseAnswers(String step, Supplier<T> action) {
        long backoffMs = firstBackoff.toMillis();
        while (stopping.getCount() > 0) {
            try {
                T result = action.get();
                if (failing) {
                    LOG.info("Projector {} reaches the database again", consumerGroup);
                    failing = false;
                }
                return Optional.of(result);
            } catch (OffsetsMovedException e) {
                throw e;
            } catch (RuntimeException e) {
                failing = true;
                LOG.warn("Projector {} cannot {} ({}); retrying in {} ms", consumerGroup, step, rootCause(e), backoffMs);
                awaitStop(backoffMs);
                backoffMs = Math.min(backoffMs * 2, maxBackoff.toMillis());
            }
        }
        return Optional.empty();
    }

    /** The innermost cause's first line: the driver's own words, not the statement it was running. */
    static String rootCause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private void awaitStop(long millis) {
        try {
            stopping.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping.countDown();
        }
    }
}
