package io.taskmon.projector;

import io.taskmon.events.Topics;
import io.taskmon.projector.db.ProjectorOffsetDao.PartitionOffset;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer loop: polls the topics and hands each batch to {@link ReadModelWriter}. Offsets
 * live in the database, never in Kafka. When the database is down it retries the same batch
 * with backoff and never skips it.
 */
public final class Projector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Projector.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    /**
     * Settings of one projector instance.
     *
     * @param consumerGroup instances sharing it share the partitions; offsets are kept per group
     * @param instanceId    a stable name for this instance (static group membership), or null:
     *                      a restarted instance with the same name gets its partitions back at once
     */
    public record Settings(String bootstrapServers, String consumerGroup, String instanceId) {

        public static final String DEFAULT_CONSUMER_GROUP = "taskmon-projector";

        Properties consumerProperties() {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(ConsumerConfig.GROUP_ID_CONFIG, consumerGroup);
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            // monitor-streams writes in transactions; only committed results are projected.
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            if (instanceId != null) {
                props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
            }
            return props;
        }
    }

    private final Settings settings;
    private final ReadModelWriter writer;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Thread loop;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean writesFailing;
    private volatile boolean joined;

    public Projector(Settings settings, Jdbi jdbi) {
        this.settings = settings;
        this.writer = new ReadModelWriter(jdbi, settings.consumerGroup());
        this.loop = new Thread(this::run, "projector-" + settings.consumerGroup());
    }

    public void start() {
        loop.start();
    }

    /** True once the consumer has joined its group, while the loop runs and its last write reached the database. */
    public boolean isRunning() {
        return joined && loop.isAlive() && !writesFailing;
    }

    private void run() {
        KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(
                settings.consumerProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            consumer = kafka;
            if (stopping.getCount() == 0) {
                return;
            }
            kafka.subscribe(List.of(Topics.TASK_RUNS.name(), Topics.MONITOR_STATUS.name()), new ResumeFromDatabase(kafka));
            while (stopping.getCount() > 0) {
                ConsumerRecords<byte[], byte[]> records = kafka.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    writeUntilStored(records);
                }
            }
        } catch (WakeupException e) {
            // close() woke us up to stop
        } catch (RuntimeException e) {
            LOG.error("Projector {} stopped on an unexpected error", settings.consumerGroup(), e);
        } finally {
            // Leave the group so that the partitions move on now, not after a session timeout.
            kafka.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(10)));
        }
    }

    private void writeUntilStored(ConsumerRecords<byte[], byte[]> records) {
        untilTheDatabaseAnswers("write to the database", () -> writer.write(records)).ifPresent(skipped -> {
            if (skipped > 0) {
                LOG.warn("Projected {} records, skipped {} unreadable ones", records.count(), skipped);
            }
        });
    }

    /**
     * Runs a database step until it succeeds, backing off between tries, and never skips it:
     * the same batch is retried, so nothing is lost while PostgreSQL is away. Empty once the
     * projector is stopping.
     */
    private <T> Optional<T> untilTheDatabaseAnswers(String step, Supplier<T> action) {
        long backoffMs = 250;
        while (stopping.getCount() > 0) {
            try {
                T result = action.get();
                if (writesFailing) {
                    LOG.info("Projector {} reaches the database again", settings.consumerGroup());
                    writesFailing = false;
                }
                return Optional.of(result);
            } catch (RuntimeException e) {
                writesFailing = true;
                LOG.warn("Projector {} cannot {} ({}); retrying in {} ms",
                        settings.consumerGroup(), step, e.getMessage(), backoffMs);
                awaitStop(backoffMs);
                backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF.toMillis());
            }
        }
        return Optional.empty();
    }

    private void awaitStop(long millis) {
        try {
            stopping.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping.countDown();
        }
    }

    /** On assignment, positions each partition where the database says the last batch ended. */
    private final class ResumeFromDatabase implements ConsumerRebalanceListener {

        private final KafkaConsumer<byte[], byte[]> kafka;

        ResumeFromDatabase(KafkaConsumer<byte[], byte[]> kafka) {
            this.kafka = kafka;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Map<TopicPartition, Long> stored = storedOffsets();
            for (TopicPartition partition : partitions) {
                Long next = stored.get(partition);
                if (next == null) {
                    kafka.seekToBeginning(List.of(partition));
                } else {
                    kafka.seek(partition, next);
                }
            }
            joined = true;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // Offsets are committed with every batch; nothing is pending.
        }

        private Map<TopicPartition, Long> storedOffsets() {
            List<PartitionOffset> committed = untilTheDatabaseAnswers("read its offsets", writer::committedOffsets)
                    .orElseThrow(WakeupException::new);
            Map<TopicPartition, Long> offsets = new HashMap<>();
            for (PartitionOffset offset : committed) {
                offsets.put(new TopicPartition(offset.topic(), offset.partition()), offset.nextOffset());
            }
            return offsets;
        }
    }

    @Override
    public void close() {
        stopping.countDown();
        KafkaConsumer<byte[], byte[]> kafka = consumer;
        if (kafka != null) {
            kafka.wakeup();
        }
        try {
            loop.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
