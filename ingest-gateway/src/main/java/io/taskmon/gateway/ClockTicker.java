package io.taskmon.gateway;

import io.taskmon.events.ClockTick;
import io.taskmon.events.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends this gateway's clock to every partition of {@link Topics#CLOCK_TICKS} about once a
 * second, whether reports arrive or not. monitor-streams judges deadlines against these ticks:
 * while this gateway or the broker is down no tick goes out, so no deadline passes for lack of
 * a way to report. Each gateway process ticks under its own id; monitor-streams follows the
 * slowest live one.
 */
public final class ClockTicker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClockTicker.class);
    public static final Duration EVERY = Duration.ofSeconds(1);
    /** A tick that cannot be sent within a second is stale: the next one says the same, later. */
    private static final int SEND_BOUND_MS = 1000;
    private static final long WARN_EVERY_MS = 60_000;

    private final UUID gatewayId = UUID.randomUUID();
    private final KafkaProducer<byte[], byte[]> producer;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "taskmon-clock-ticker");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long lastWarnedAt;

    public ClockTicker(String bootstrapServers, Map<String, String> kafkaClient, Clock clock) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // A lost tick costs nothing (the next one follows in a second), so no idempotence and no
        // wait for all replicas; a duplicate or reordered one cannot move the clock back.
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, SEND_BOUND_MS);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, SEND_BOUND_MS);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2 * SEND_BOUND_MS);
        props.putAll(kafkaClient);
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        this.clock = clock;
    }

    /** Starts ticking; the first tick goes out at once. */
    public ClockTicker start() {
        timer.scheduleAtFixedRate(this::tick, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    public UUID gatewayId() {
        return gatewayId;
    }

    void tick() {
        try {
            ClockTick tick = new ClockTick(ClockTick.SCHEMA_VERSION, gatewayId, clock.instant());
            byte[] key = Topics.CLOCK_TICKS.keySerde().serializer().serialize(Topics.CLOCK_TICKS.name(), gatewayId);
            byte[] value = Topics.CLOCK_TICKS.valueSerde().serializer().serialize(Topics.CLOCK_TICKS.name(), tick);
            List<PartitionInfo> partitions = producer.partitionsFor(Topics.CLOCK_TICKS.name());
            for (PartitionInfo partition : partitions) {
                producer.send(new ProducerRecord<>(Topics.CLOCK_TICKS.name(), partition.partition(),
                        tick.at().toEpochMilli(), key, value), (metadata, failure) -> {
                            if (failure != null) {
                                warn(failure);
                            }
                        });
            }
        } catch (RuntimeException e) {
            warn(e);
        }
    }

    private void warn(Exception failure) {
        long now = System.currentTimeMillis();
        if (now - lastWarnedAt > WARN_EVERY_MS) {
            lastWarnedAt = now;
            LOG.warn("Clock ticks are not reaching Kafka ({}); deadlines wait until they do", failure.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        producer.close(Duration.ofSeconds(1));
    }
}
