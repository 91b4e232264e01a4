package io.taskmon.projector;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Threads that write polls to the database while the consumer reads the next ones. Each lane
 * owns fixed partitions and runs its batches one after the other, so a partition's batches
 * commit in order; a lane takes at most {@code pollsInFlight} polls ahead, which holds the
 * consumer back when the database is slow or away.
 */
final class WriterLanes implements AutoCloseable {

    private static final class Lane {
        final ExecutorService thread;
        final Semaphore slots;
        volatile boolean offsetsMoved;

        Lane(String name, int pollsInFlight) {
            slots = new Semaphore(pollsInFlight);
            thread = Executors.newSingleThreadExecutor(task -> {
                Thread t = new Thread(task, name);
                t.setDaemon(true);
                return t;
            });
        }
    }

    private final List<Lane> lanes = new ArrayList<>();
    private final int pollsInFlight;

    WriterLanes(int count, int pollsInFlight, String name) {
        this.pollsInFlight = pollsInFlight;
        for (int i = 0; i < count; i++) {
            lanes.add(new Lane(name + "-writer-" + (i + 1), pollsInFlight));
        }
    }

    int count() {
        return lanes.size();
    }

    /** Queues a batch on its lane, waiting while the lane is {@code pollsInFlight} polls behind. */
    void submit(int lane, Runnable batch) throws InterruptedException {
        Lane target = lanes.get(lane);
        target.slots.acquire();
        try {
            target.thread.execute(() -> {
                try {
                    batch.run();
                } finally {
                    target.slots.release();
                }
            });
        } catch (RuntimeException e) {
            target.slots.release();
            throw e;
        }
    }

    /** A batch of the lane found its offsets moved by someone else: later batches of the lane must not be written. */
    void markOffsetsMoved(int lane) {
        lanes.get(lane).offsetsMoved = true;
    }

    boolean offsetsMoved(int lane) {
        return lanes.get(lane).offsetsMoved;
    }

    boolean anyOffsetsMoved() {
        return lanes.stream().anyMatch(l -> l.offsetsMoved);
    }

    /** Waits until every queued batch has been written (or given up). */
    void drain() throws InterruptedException {
        for (Lane lane : lanes) {
            lane.slots.acquire(pollsInFlight);
            lane.slots.release(pollsInFlight);
        }
    }

    /** After the offsets were read again from the database, the lanes may write again. */
    void clearOffsetsMoved() {
        lanes.forEach(l -> l.offsetsMoved = false);
    }

    /** Lets queued batches finish (they give up quickly once the projector is stopping). */
    @Override
    public void close() {
        for (Lane lane : lanes) {
            lane.thread.shutdown();
        }
        for (Lane lane : lanes) {
            try {
                lane.thread.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
