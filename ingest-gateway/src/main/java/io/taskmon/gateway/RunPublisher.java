package io.taskmon.gateway;

import io.micronaut.http.HttpStatus;
import io.taskmon.events.TaskRunReported;
import io.taskmon.events.Topics;
import io.taskmon.web.RequestRejected;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes accepted reports to {@link Topics#TASK_RUNS}, keyed by monitor id. Each report gets
 * a future that completes once the broker has it durably (acks=all, idempotent producer), or
 * fails with a 503 rejection when it could not be written. No thread waits for the broker.
 *
 * <p>{@code KafkaProducer.send} can block: while the topic's partitions are not yet known (the
 * broker is down at start) and when its buffer is full (the broker is down under load). So
 * sends are made by one sender thread, never by an HTTP event loop. A send waiting longer than
 * the delivery timeout in that thread's queue is answered 503 without being sent, and once sent
 * the producer itself gives up after the delivery timeout: so a 503 always means the report
 * was not written, and nothing is half-accepted.
 *
 * <p>The hand-over to the sender thread is a lock-free queue, and an event loop wakes the
 * sender only when it is parked: under load the sender drains many requests per wake-up, and
 * no event loop ever waits on a lock the sender holds (a locked queue and a wake-up per request
 * cost more CPU than the sends themselves).
 */
public final class RunPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunPublisher.class);
    static final int RETRY_AFTER_SECONDS = 5;
    static final String UNAVAILABLE = "Kafka is unavailable, so the report was not accepted; retry later";
    /** Requests (not reports) waiting for the sender thread; past this the gateway is overloaded. */
    private static final int SEND_QUEUE_CAPACITY = 20_000;
    /** Big enough that a full batch request (1,000 reports of a few hundred bytes) fits one produce batch per partition. */
    private static final int BATCH_SIZE_BYTES = 256 * 1024;
    private static final long WARN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long PARK_SAFETY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final KafkaProducer<byte[], byte[]> producer;
    private final Serializer<UUID> keySerializer = Topics.TASK_RUNS.keySerde().serializer();
    private final Serializer<TaskRunReported> valueSerializer = Topics.TASK_RUNS.valueSerde().serializer();
    private final Queue<HandOver> queue = new ConcurrentLinkedQueue<>();
    /** Requests in {@link #queue}; a concurrent queue's own size() is not constant-time. */
    private final AtomicInteger queued = new AtomicInteger();
    /** Set by the sender just before it parks; whoever clears it wakes the sender. */
    private final AtomicBoolean senderParked = new AtomicBoolean();
    private volatile boolean closing;
    private final Thread sender;
    private final long queueDeadlineNanos;
    private final AtomicLong lastWarnedAt = new AtomicLong(System.nanoTime() - WARN_INTERVAL_NANOS * 2);

    /**
     * @param linger how long a report may wait for others to share its produce request: fewer,
     *               bigger requests cost the broker less CPU, but every report waits that long
     * @param kafkaClient Kafka client properties applied on top of the producer's own (a secured cluster)
     */
    public RunPublisher(String bootstrapServers, Duration deliveryTimeout, Duration linger,
            Map<String, String> kafkaClient) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        int lingerMs = (int) linger.toMillis();
        props.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_SIZE_BYTES);
        int deliveryMs = (int) deliveryTimeout.toMillis();
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryMs);
        // The producer requires delivery.timeout >= linger + request timeout.
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1000, deliveryMs - lingerMs));
        // Blocking in send() stalls every request queued behind it; a short bound keeps the
        // queue moving while the broker is away (those reports are answered 503).
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.min(1000, deliveryMs));
        props.putAll(kafkaClient);
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        this.queueDeadlineNanos = deliveryTimeout.toNanos();
        this.sender = new Thread(this::sendLoop, "taskmon-run-publisher");
        this.sender.setDaemon(true);
        this.sender.start();
    }

    /**
     * One future per run, in order; each completes when Kafka has that run or fails with a 503
     * rejection. They complete on the producer's I/O thread: callers move any real work (writing
     * the answer) to their own thread with an {@code ...Async} stage, once per request.
     */
    public List<CompletableFuture<Void>> publish(List<TaskRunReported> runs) {
        List<Pending> pending = new ArrayList<>(runs.size());
        List<CompletableFuture<Void>> futures = new ArrayList<>(runs.size());
        for (TaskRunReported run : runs) {
            // Serialized on the caller's thread, so the single sender thread only hands over bytes.
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(Topics.TASK_RUNS.name(),
                    keySerializer.serialize(Topics.TASK_RUNS.name(), run.monitorId()),
                    valueSerializer.serialize(Topics.TASK_RUNS.name(), run));
            Pending one = new Pending(run, record, new CompletableFuture<>());
            pending.add(one);
            futures.add(one.future());
        }
        if (closing) {
            pending.forEach(p -> fail(p, new IllegalStateException("the gateway is stopping")));
            return futures;
        }
        if (queued.incrementAndGet() > SEND_QUEUE_CAPACITY) {
            queued.decrementAndGet();
            pending.forEach(p -> fail(p, new IllegalStateException("the send queue is full")));
            return futures;
        }
        queue.offer(new HandOver(pending, System.nanoTime()));
        if (senderParked.get() && senderParked.compareAndSet(true, false)) {
            LockSupport.unpark(sender);
        }
        if (closing) {
            // Closed while queueing: the sender may be gone, so nothing queued is left unanswered.
            failQueued();
        }
        return futures;
    }

    public CompletableFuture<Void> publish(TaskRunReported run) {
        return publish(List.of(run)).get(0);
    }

    private record Pending(TaskRunReported run, ProducerRecord<byte[], byte[]> record, CompletableFuture<Void> future) {
    }

    /** One request's reports, and when they were queued (for the queue deadline). */
    private record HandOver(List<Pending> pending, long enqueuedAt) {
    }

    /**
     * The sender thread: sends whatever is queued, then parks until an event loop queues more.
     * The flag is set before the queue is looked at again and an event loop looks at the flag
     * after queueing (both volatile), so one of the two always sees the other: no hand-over is
     * left waiting. The timed park is only a safety net. On close it drains the queue, then stops.
     */
    private void sendLoop() {
        while (true) {
            HandOver next = queue.poll();
            if (next != null) {
                queued.decrementAndGet();
                try {
                    send(next.pending(), next.enqueuedAt());
                } catch (RuntimeException unexpected) {
                    // The thread must outlive any one request, or every later report would wait forever.
                    LOG.error("Sending a request's reports failed unexpectedly", unexpected);
                    next.pending().forEach(p -> p.future().completeExceptionally(unavailable(unexpected)));
                }
                continue;
            }
            if (closing) {
                return;
            }
            senderParked.set(true);
            if (queue.isEmpty() && !closing) {
                LockSupport.parkNanos(this, PARK_SAFETY_NANOS);
            }
            senderParked.set(false);
        }
    }

    private void send(List<Pending> pending, long enqueuedAt) {
        if (System.nanoTime() - enqueuedAt > queueDeadlineNanos) {
            pending.forEach(p -> fail(p, new IllegalStateException("waited past the delivery timeout to be sent")));
            return;
        }
        for (Pending one : pending) {
            try {
                producer.send(one.record(), (metadata, error) -> {
                    if (error == null) {
                        one.future().complete(null);
                    } else {
                        fail(one, error);
                    }
                });
            } catch (RuntimeException e) {
                fail(one, e);
            }
        }
    }

    private void failQueued() {
        for (HandOver left = queue.poll(); left != null; left = queue.poll()) {
            queued.decrementAndGet();
            left.pending().forEach(p -> fail(p, new IllegalStateException("the gateway is stopping")));
        }
    }

    private void fail(Pending one, Throwable cause) {
        // While the broker is away every report fails; one line a second says so without flooding the log.
        long now = System.nanoTime();
        long last = lastWarnedAt.get();
        if (now - last > WARN_INTERVAL_NANOS && lastWarnedAt.compareAndSet(last, now)) {
            LOG.warn("Kafka did not take run {} of {} (further failures within a second not logged): {}",
                    one.run().eventId(), one.run().taskKey(), cause.toString());
        }
        one.future().completeExceptionally(unavailable(cause));
    }

    static RequestRejected unavailable(Throwable cause) {
        return new RequestRejected(HttpStatus.SERVICE_UNAVAILABLE, UNAVAILABLE, RETRY_AFTER_SECONDS, cause);
    }

    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(sender);
        try {
            sender.join(TimeUnit.SECONDS.toMillis(10));
            failQueued();
            producer.close(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
