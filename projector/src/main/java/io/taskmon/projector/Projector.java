package io.taskmon.projector;

import io.taskmon.events.Topic;
import io.taskmon.projector.ReadModelWriter.OffsetsMovedException;
import io.taskmon.projector.db.ProjectorOffsetDao.PartitionOffset;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer loop: polls the projected topics and hands each batch to {@link ReadModelWriter}.
 * Offsets live in the database, never in Kafka. When the database is down it retries the same
 * batch with backoff and never skips it; when Kafka is down the consumer reconnects by itself
 * and this loop says so in the log until it is back.
 */
public final class Projector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Projector.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    /**
     * How long the loop may see nothing before it asks Kafka whether it is there at all, and the
     * database whether a rebuild emptied the offsets under it.
     */
    private static final Duration IDLE_CHECK_AFTER = Duration.ofSeconds(5);
    private static final Duration KAFKA_PROBE_TIMEOUT = Duration.ofSeconds(5);

    /**
     * Settings of one projector instance.
     *
     * @param consumerGroup  instances sharing it share the partitions; offsets are kept per group
     * @param instanceId     a stable name for this instance (static group membership), or null:
     *                       a restarted instance with the same name gets its partitions back at once
     * @param maxPollRecords records per batch at most; bigger batches mean fewer transactions
     * @param writers        database connections a batch is written over at once, each taking
     *                       whole partitions with their offsets (partition number modulo writers)
     */
    public record Settings(String bootstrapServers, String consumerGroup, String instanceId, int maxPollRecords,
                           int writers) {

        public static final String DEFAULT_CONSUMER_GROUP = "taskmon-projector";
        /**
         * Split over the writers, thousands of rows per transaction spread its fixed cost (about
         * 4.5 MB of run events a poll). Smaller polls keep the writers and the poll thread
         * overlapping: alternating durable runs of the benchmark gave 55,000 to 63,000 runs/s at
         * 7,500 against 54,000 to 59,000 at 15,000 (7,500 ahead in all five pairs), 49,000 to
         * 51,000 at 40,000 and about 54,000 at 4,000.
         */
        public static final int DEFAULT_MAX_POLL_RECORDS = 7_500;
        /**
         * One per core: PostgreSQL works one statement on one core, so that many writers keep
         * every core busy while the poll thread reads the next batch. More only contend: on two
         * cores, with topics of four partitions, two writers projected 53,000 to 58,000 runs/s,
         * four 50,000 to 52,000 and three (one of them with two partitions, the others with one)
         * 47,000 to 56,000, median 49,000. Partitions split evenly when their count is a
         * multiple of the writers', as taskmon's four are over one, two or four cores.
         */
        public static final int DEFAULT_WRITERS = Runtime.getRuntime().availableProcessors();

        public Settings {
            if (maxPollRecords < 1 || writers < 1) {
                throw new IllegalArgumentException("max poll records and writers must be at least 1");
            }
        }

        public Settings(String bootstrapServers, String consumerGroup, String instanceId) {
            this(bootstrapServers, consumerGroup, instanceId, DEFAULT_MAX_POLL_RECORDS);
        }

        public Settings(String bootstrapServers, String consumerGroup, String instanceId, int maxPollRecords) {
            this(bootstrapServers, consumerGroup, instanceId, maxPollRecords, DEFAULT_WRITERS);
        }

        Properties consumerProperties() {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(ConsumerConfig.GROUP_ID_CONFIG, consumerGroup);
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            // monitor-streams writes in transactions; only committed results are projected.
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
            // A run event is about 600 bytes: the default 1 MiB per partition would cut batches short.
            props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
            if (instanceId != null) {
                props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
            }
            return props;
        }
    }

    private final Settings settings;
    private final ReadModelWriter writer;
    private final KafkaDeadLetterSink deadLetters;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Thread loop;
    private final WriterLanes lanes;
    /**
     * Per assigned partition, the offset stored in the database as this instance last saw it:
     * each lane updates its own partitions; the loop thread replaces entries only while the
     * lanes are drained.
     */
    private final Map<TopicPartition, Long> stored = new ConcurrentHashMap<>();
    /** Per assigned partition, the offset the last queued batch moves it to; loop thread only. */
    private final Map<TopicPartition, Long> queued = new HashMap<>();
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean writesFailing;
    private volatile boolean kafkaUnreachable;
    private volatile boolean joined;

    public Projector(Settings settings, Jdbi jdbi) {
        this.settings = settings;
        this.deadLetters = new KafkaDeadLetterSink(settings.bootstrapServers(), Clock.systemUTC());
        this.writer = new ReadModelWriter(jdbi, settings.consumerGroup(), deadLetters);
        this.loop = new Thread(this::run, "projector-" + settings.consumerGroup());
        this.lanes = new WriterLanes(settings.writers(), "projector-" + settings.consumerGroup());
    }

    public void start() {
        loop.start();
    }

    /** True once the consumer has joined its group, while the loop runs, reaches Kafka and its last write reached the database. */
    public boolean isRunning() {
        return joined && loop.isAlive() && !writesFailing && !kafkaUnreachable;
    }

    private void run() {
        KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(
                settings.consumerProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            consumer = kafka;
            if (stopping.getCount() == 0) {
                return;
            }
            kafka.subscribe(RecordProjection.TOPICS.stream().map(Topic::name).toList(), new ResumeFromDatabase(kafka));
            long idleSince = System.nanoTime();
            while (stopping.getCount() > 0) {
                ConsumerRecords<byte[], byte[]> records = kafka.poll(POLL_TIMEOUT);
                if (lanes.anyOffsetsMoved()) {
                    // Another writer moved our partitions (a rebuild, or we lost them): what was
                    // just read may start at the wrong place, so read again from the database.
                    lanes.drain();
                    seekToStored(kafka, kafka.assignment());
                    lanes.clearOffsetsMoved();
                    continue;
                }
                Map<TopicPartition, Long> positions = positionsToStore(kafka, records);
                if (!positions.isEmpty()) {
                    queueWrites(records, positions);
                }
                if (!records.isEmpty()) {
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince > IDLE_CHECK_AFTER.toNanos()) {
                    lanes.drain();
                    probeKafka(kafka);
                    noticeMovedOffsets(kafka);
                    idleSince = System.nanoTime();
                }
            }
        } catch (WakeupException e) {
            // close() woke us up to stop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Projector {} stopped on an unexpected error", settings.consumerGroup(), e);
        } finally {
            // Leave the group so that the partitions move on now, not after a session timeout.
            kafka.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(10)));
            deadLetters.close();
            lanes.close();
        }
    }

    /**
     * Stores the consumer's position, not just the offset after the last record: transaction
     * markers of read_committed topics take offsets too, and a stored offset short of the end
     * would make a caught-up projector look behind. Partitions that only passed markers move
     * without rows.
     */
    private Map<TopicPartition, Long> positionsToStore(KafkaConsumer<byte[], byte[]> kafka,
                                                      ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        Set<TopicPartition> withRecords = records.partitions();
        for (TopicPartition partition : kafka.assignment()) {
            boolean hadRecords = withRecords.contains(partition);
            Long known = queued.get(partition);
            if (!hadRecords && known == null) {
                continue; // never read: its position may need a round trip to Kafka, and there is nothing to store
            }
            long position = kafka.position(partition);
            if (hadRecords || position > known) {
                positions.put(partition, position);
            }
        }
        return positions;
    }

    /**
     * Queues the poll on the writer lanes, by partition number, while the loop reads on: each
     * lane writes its partitions' rows with their offsets in one transaction, so each partition
     * still moves exactly with its rows, and several batches reach PostgreSQL at once.
     */
    private void queueWrites(ConsumerRecords<byte[], byte[]> records, Map<TopicPartition, Long> positions)
            throws InterruptedException {
        Map<Integer, List<ConsumerRecord<byte[], byte[]>>> laneRecords = new TreeMap<>();
        Map<Integer, Map<TopicPartition, Long>> laneOffsets = new TreeMap<>();
        positions.forEach((partition, next) -> {
            int lane = partition.partition() % lanes.count();
            laneOffsets.computeIfAbsent(lane, l -> new HashMap<>()).put(partition, next);
            laneRecords.computeIfAbsent(lane, l -> new ArrayList<>()).addAll(records.records(partition));
        });
        for (Map.Entry<Integer, Map<TopicPartition, Long>> entry : laneOffsets.entrySet()) {
            int lane = entry.getKey();
            lanes.submit(lane, () -> writeLane(lane, laneRecords.get(lane), entry.getValue()));
            queued.putAll(entry.getValue());
        }
    }

    private void writeLane(int lane, List<ConsumerRecord<byte[], byte[]>> records, Map<TopicPartition, Long> offsets) {
        if (lanes.offsetsMoved(lane)) {
            return; // an earlier batch of this lane was fenced off; the loop re-reads the offsets
        }
        ProjectedBatch batch = ProjectedBatch.of(records);
        batch.nextOffsets.clear();
        batch.nextOffsets.putAll(offsets);
        try {
            untilTheDatabaseAnswers("write to the database", () -> writer.write(batch, stored)).ifPresent(refused -> {
                stored.putAll(offsets);
                if (refused > 0) {
                    LOG.warn("Projected {} records; {} refused ones went to the dead-letter topic",
                            batch.records.size(), refused);
                }
            });
        } catch (OffsetsMovedException e) {
            LOG.warn("Projector {}: {}; reading the stored offsets again", settings.consumerGroup(), e.getMessage());
            lanes.markOffsetsMoved(lane);
        }
    }

    /**
     * An idle instance writes nothing, so it would not notice a rebuild through a failed
     * offset move; it compares its offsets with the stored ones instead.
     */
    private void noticeMovedOffsets(KafkaConsumer<byte[], byte[]> kafka) {
        List<PartitionOffset> committed;
        try {
            committed = writer.committedOffsets();
        } catch (RuntimeException e) {
            return; // the database is away; the next write says so and retries
        }
        Map<TopicPartition, Long> inDatabase = new HashMap<>();
        for (PartitionOffset offset : committed) {
            inDatabase.put(new TopicPartition(offset.topic(), offset.partition()), offset.nextOffset());
        }
        for (TopicPartition partition : kafka.assignment()) {
            if (!Objects.equals(inDatabase.get(partition), stored.get(partition))) {
                LOG.info("Projector {}: the stored offsets changed (a rebuild?); reading the topics from them",
                        settings.consumerGroup());
                seekToStored(kafka, kafka.assignment());
                return;
            }
        }
    }

    private void probeKafka(KafkaConsumer<byte[], byte[]> kafka) {
        try {
            kafka.listTopics(KAFKA_PROBE_TIMEOUT);
            if (kafkaUnreachable) {
                LOG.info("Projector {} reaches Kafka at {} again", settings.consumerGroup(), settings.bootstrapServers());
                kafkaUnreachable = false;
            }
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            kafkaUnreachable = true;
            LOG.warn("Projector {} cannot reach Kafka at {} ({}); the consumer keeps reconnecting and resumes"
                    + " from the offsets stored in the database", settings.consumerGroup(),
                    settings.bootstrapServers(), e.getMessage());
        }
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
            } catch (OffsetsMovedException e) {
                throw e;
            } catch (RuntimeException e) {
                writesFailing = true;
                LOG.warn("Projector {} cannot {} ({}); retrying in {} ms",
                        settings.consumerGroup(), step, rootCause(e), backoffMs);
                awaitStop(backoffMs);
                backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF.toMillis());
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

    /** Positions each partition where the database says the last batch ended; from the beginning when it says nothing. */
    private void seekToStored(KafkaConsumer<byte[], byte[]> kafka, Collection<TopicPartition> partitions) {
        List<PartitionOffset> committed = untilTheDatabaseAnswers("read its offsets", writer::committedOffsets)
                .orElseThrow(WakeupException::new);
        Map<TopicPartition, Long> inDatabase = new HashMap<>();
        for (PartitionOffset offset : committed) {
            inDatabase.put(new TopicPartition(offset.topic(), offset.partition()), offset.nextOffset());
        }
        for (TopicPartition partition : partitions) {
            Long next = inDatabase.get(partition);
            if (next == null) {
                stored.remove(partition);
                queued.remove(partition);
                kafka.seekToBeginning(List.of(partition));
            } else {
                stored.put(partition, next);
                queued.put(partition, next);
                kafka.seek(partition, next);
            }
        }
    }

    private final class ResumeFromDatabase implements ConsumerRebalanceListener {

        private final KafkaConsumer<byte[], byte[]> kafka;

        ResumeFromDatabase(KafkaConsumer<byte[], byte[]> kafka) {
            this.kafka = kafka;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            drainLanes();
            seekToStored(kafka, partitions);
            joined = true;
        }

        /** Offsets are committed with every batch: once the queued batches are written, nothing is pending. */
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            drainLanes();
            stored.keySet().removeAll(Set.copyOf(partitions));
            queued.keySet().removeAll(Set.copyOf(partitions));
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
        }

        private void drainLanes() {
            try {
                lanes.drain();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WakeupException();
            }
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
