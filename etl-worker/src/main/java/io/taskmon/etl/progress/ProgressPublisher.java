package io.taskmon.etl.progress;

import io.taskmon.events.EtlProgress;
import io.taskmon.events.TaskRunReported;
import io.taskmon.events.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends a run's progress events to {@code taskmon.etl-progress.v1}, keyed by job run id, so all
 * of a run's events land on one partition in the order they were sent (an idempotent acks=all
 * producer keeps that order through retries).
 *
 * <p>Events are handed to one sending thread, in order, so the load never waits for Kafka, not
 * even for the first metadata fetch. That thread also builds the producer, whose classes take a
 * good part of a second to load: the run meanwhile migrates its schema and takes its lock.
 *
 * <p>Events are best effort: the database checkpoint is the record of what was loaded, and a
 * load must not fail or crawl because monitoring is down. The first send that Kafka cannot take
 * within the bounded wait switches events off for the rest of the run, with one warning; the
 * summary says how many were delivered and how many were not.
 */
public final class ProgressPublisher implements AutoCloseable {

    /** Built and used by the sending thread only; null when events are disabled or it could not be built. */
    private volatile Producer<UUID, byte[]> producer;
    private final boolean sends;
    private final String bootstrapServers;
    private final Duration maxWait;
    private final JsonLog log;
    private final AtomicBoolean unavailable = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ExecutorService sender;
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();

    private ProgressPublisher(Properties config, Duration maxWait, JsonLog log) {
        this.sends = config != null;
        this.bootstrapServers = config == null ? null : config.getProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
        this.maxWait = maxWait;
        this.log = log;
        this.sender = config == null ? null : Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "etl-progress-sender");
            thread.setDaemon(true);
            return thread;
        });
        if (sender != null) {
            sender.execute(() -> build(config));
        }
    }

    /** A publisher that sends nothing, for {@code --no-events} and dry runs without Kafka. */
    public static ProgressPublisher disabled(JsonLog log) {
        return new ProgressPublisher(null, Duration.ZERO, log);
    }

    /**
     * @param clientProperties Kafka client properties from {@code TASKMON_KAFKA_*} (security, SASL, ...)
     * @param maxWait          how long one send may block on an unreachable broker before events are switched off
     */
    public static ProgressPublisher connect(String bootstrapServers, Map<String, String> clientProperties,
                                            Duration maxWait, JsonLog log) {
        return new ProgressPublisher(producerConfig(bootstrapServers, clientProperties, maxWait), maxWait, log);
    }

    /**
     * The producer's settings: taskmon's own, then the operator's client properties on top, so a
     * secured or managed cluster works without code changes.
     */
    static Properties producerConfig(String bootstrapServers, Map<String, String> clientProperties, Duration maxWait) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "taskmon-etl-worker");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxWait.toMillis());
        long requestTimeout = Math.max(1_000, maxWait.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) requestTimeout);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) (requestTimeout * 3 + 5));
        // No JMX reporter: nobody attaches to a run that lasts seconds, and registering the
        // producer's metrics as MBeans (each one re-registers its MBean) was a tenth of a second
        // of CPU at every run's start.
        config.put(ProducerConfig.METRIC_REPORTER_CLASSES_CONFIG, "");
        config.putAll(clientProperties);
        return config;
    }

    private void build(Properties config) {
        try {
            producer = new KafkaProducer<>(config, Topics.ETL_PROGRESS.keySerde().serializer(), new ByteArraySerializer());
        } catch (KafkaException e) {
            switchOff(e.getMessage());
        }
    }

    private boolean enabled() {
        return producer != null && !unavailable.get();
    }

    /** Queues the event for sending; never throws, never blocks. */
    public void publish(EtlProgress event) {
        enqueue(Topics.ETL_PROGRESS.name(), event.jobRunId(),
                () -> Topics.ETL_PROGRESS.valueSerde().serializer().serialize(Topics.ETL_PROGRESS.name(), event));
    }

    /**
     * Queues a run report of the job's monitor for the runs topic, as the gateway would publish
     * it, so that a scheduled job that never starts is MISSED; never throws, never blocks.
     */
    public void publish(TaskRunReported run) {
        enqueue(Topics.TASK_RUNS.name(), run.monitorId(),
                () -> Topics.TASK_RUNS.valueSerde().serializer().serialize(Topics.TASK_RUNS.name(), run));
    }

    private void enqueue(String topic, UUID key, Supplier<byte[]> value) {
        if (!sends || closed.get()) {
            return;
        }
        queued.incrementAndGet();
        sender.execute(() -> send(topic, key, value.get()));
    }

    private void send(String topic, UUID key, byte[] value) {
        if (!enabled()) {
            return;
        }
        try {
            producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
                if (error == null) {
                    delivered.incrementAndGet();
                } else {
                    switchOff(error.getMessage());
                }
            });
        } catch (KafkaException | IllegalStateException e) {
            switchOff(e.getMessage());
        }
    }

    private void switchOff(String reason) {
        if (unavailable.compareAndSet(false, true)) {
            log.warn("events_unavailable", "progress events are off for the rest of this run: Kafka at "
                    + bootstrapServers + " did not take an event within " + maxWait.toSeconds()
                    + " s (" + reason + "); the load goes on, its database checkpoint is the record");
        }
    }

    public long delivered() {
        return delivered.get();
    }

    /** Events not delivered (final once closed): refused, skipped once events were off, or still unacknowledged. */
    public long lost() {
        return queued.get() - delivered.get();
    }

    /** Waits (bounded) for the queued events; what is not delivered by then is counted lost. */
    @Override
    public void close() {
        if (!sends || !closed.compareAndSet(false, true)) {
            return;
        }
        sender.shutdown();
        try {
            // Each queued send blocks at most maxWait, and only the first one once Kafka is unreachable.
            if (!sender.awaitTermination(maxWait.toMillis() * 2 + 1_000, TimeUnit.MILLISECONDS)) {
                sender.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (producer == null) {
            return;
        }
        boolean reachable = !unavailable.get();
        if (reachable) {
            try {
                producer.flush();
            } catch (KafkaException e) {
                switchOff(e.getMessage());
            }
        }
        producer.close(unavailable.get() ? Duration.ZERO : maxWait);
    }
}
