package io.taskmon.etl;

import io.taskmon.etl.load.BatchLoader;
import io.taskmon.etl.transform.PreparedBatch;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * Commits up to two batches at the same time, each in its own transaction on its own
 * connection, so that PostgreSQL copies batch n+1 while batch n finishes. Only the copies
 * overlap: batch n+1 moves the checkpoint and commits after batch n has committed, and rolls
 * back if batch n did not. Batches are reported strictly in order.
 */
final class CommitWindow implements AutoCloseable {

    private static final int WINDOW = 2;

    private record InFlight(PreparedBatch batch, Future<?> commit, long startNanos) {
    }

    private final UUID id;
    private final BatchLoader loader;
    private final BiConsumer<PreparedBatch, Long> done;
    private final BiFunction<PreparedBatch, Throwable, BatchFailedException> failed;
    private final ExecutorService pool;
    private final Deque<InFlight> inFlight = new ArrayDeque<>();
    private CompletableFuture<Void> previousCommitted = CompletableFuture.completedFuture(null);

    /**
     * @param loader null for a dry run: batches complete at once
     * @param done   a batch committed, with its duration in milliseconds
     * @param failed a batch not committed, with why: reports it and says how the run ends
     */
    CommitWindow(UUID id, BatchLoader loader, BiConsumer<PreparedBatch, Long> done,
                 BiFunction<PreparedBatch, Throwable, BatchFailedException> failed) {
        this.id = id;
        this.loader = loader;
        this.done = done;
        this.failed = failed;
        this.pool = loader == null ? null : Executors.newFixedThreadPool(WINDOW, r -> {
            Thread thread = new Thread(r, "etl-batch-commit");
            thread.setDaemon(true);
            return thread;
        });
    }

    void submit(PreparedBatch batch) {
        long start = System.nanoTime();
        CompletableFuture<Void> previous = previousCommitted;
        CompletableFuture<Void> committed = new CompletableFuture<>();
        previousCommitted = committed;
        Future<?> commit = loader == null ? CompletableFuture.completedFuture(null) : pool.submit(() -> {
            try {
                // join() throws when the batch before failed: this one then rolls back.
                loader.commit(id, batch, (System.nanoTime() - start) / 1_000_000, previous::join);
                committed.complete(null);
            } catch (Throwable e) {
                committed.completeExceptionally(e);
                throw e;
            }
            return null;
        });
        inFlight.add(new InFlight(batch, commit, start));
        while (inFlight.size() >= WINDOW) {
            completeOldest();
        }
    }

    void drain() {
        while (!inFlight.isEmpty()) {
            completeOldest();
        }
    }

    private void completeOldest() {
        InFlight oldest = inFlight.poll();
        try {
            oldest.commit().get();
        } catch (ExecutionException e) {
            // The batches after it cannot commit without it; let them roll back first.
            awaitRest();
            throw failed.apply(oldest.batch(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while committing batch " + oldest.batch().number());
        }
        done.accept(oldest.batch(), (System.nanoTime() - oldest.startNanos()) / 1_000_000);
    }

    private void awaitRest() {
        for (InFlight rest : inFlight) {
            try {
                rest.commit().get();
            } catch (ExecutionException expected) {
                // Rolled back because the batch before it failed: the normal outcome.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        inFlight.clear();
    }

    @Override
    public void close() {
        if (pool != null) {
            awaitRest();
            pool.shutdownNow();
        }
    }
}
