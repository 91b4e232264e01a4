package io.taskmon.notifier;

import io.taskmon.events.Delivery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One lane per channel: a thread of its own that runs that channel's attempts when they are
 * due. A receiver that is slow, down or asking us to wait holds up only its own lane, never
 * another channel's deliveries.
 */
final class DeliveryLanes implements AutoCloseable {

    private final Map<UUID, ScheduledExecutorService> lanes = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> pausedUntil = new ConcurrentHashMap<>();
    private final Consumer<Delivery> attempt;
    private final Clock clock;
    private volatile boolean closed;

    DeliveryLanes(Consumer<Delivery> attempt, Clock clock) {
        this.attempt = attempt;
        this.clock = clock;
    }

    /** Runs an attempt of {@code delivery} on its channel's lane at its next attempt time (now if past). */
    void schedule(Delivery delivery) {
        if (closed) {
            return;
        }
        Instant due = delivery.nextAttemptAt() == null ? clock.instant() : delivery.nextAttemptAt();
        long delayMillis = Math.max(0, Duration.between(clock.instant(), due).toMillis());
        lane(delivery.channelId()).schedule(() -> runWhenUnpaused(delivery.channelId(), () -> attempt.accept(delivery)),
                delayMillis, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} on the channel's lane at {@code at} (now if past). */
    void runAt(UUID channelId, Instant at, Runnable task) {
        if (closed) {
            return;
        }
        long delayMillis = Math.max(0, Duration.between(clock.instant(), at).toMillis());
        lane(channelId).schedule(() -> runWhenUnpaused(channelId, task), delayMillis, TimeUnit.MILLISECONDS);
    }

    /** The channel's receiver asked to be left alone: its lane makes no attempt before {@code until}. */
    void pause(UUID channelId, Instant until) {
        pausedUntil.merge(channelId, until, (a, b) -> a.isAfter(b) ? a : b);
    }

    private void runWhenUnpaused(UUID channelId, Runnable task) {
        Instant until = pausedUntil.get(channelId);
        Instant now = clock.instant();
        if (until != null && until.isAfter(now)) {
            lane(channelId).schedule(() -> runWhenUnpaused(channelId, task),
                    Duration.between(now, until).toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        task.run();
    }

    private ScheduledExecutorService lane(UUID channelId) {
        return lanes.computeIfAbsent(channelId, id -> Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "notifier-channel-" + id);
            thread.setDaemon(true);
            return thread;
        }));
    }

    boolean isClosed() {
        return closed;
    }

    /** Stops every lane, interrupting attempts under way; what they had not recorded stays owed. */
    @Override
    public void close() {
        closed = true;
        lanes.values().forEach(ScheduledExecutorService::shutdownNow);
        for (ScheduledExecutorService lane : lanes.values()) {
            try {
                lane.awaitTermination(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
