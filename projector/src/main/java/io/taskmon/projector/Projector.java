package io.taskmon.projector;

import io.taskmon.events.Topic;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer loop: polls the projected topics and hands each poll to the writer lanes
 * ({@link LaneDispatcher}). Offsets live in the database, never in Kafka ({@link StoredOffsets}).
 * When the database is down the same batch is retried with backoff and never skipped
 * ({@link DatabaseRetry}); when Kafka is down the consumer reconnects by itself and the loop
 * says so in the log until it is back ({@link KafkaProbe}).
 */
public final class Projector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Projector.class);

    /**
     * Settings of one projector instance; every component has a default ({@link #defaults}).
     *
     * @param bootstrapServers       the Kafka brokers; no default
     * @param consumerGroup          instances sharing it share the partitions; offsets are kept per group.
     *                               Default {@value #DEFAULT_CONSUMER_GROUP}
     * @param instanceId             a stable name for this instance (static group membership), or null
     *                               (the default): a restarted instance with the same name gets its
     *                               partitions back at once
     * @param maxPollRecords         records per batch at most; bigger batches mean fewer transactions.
     *                               Default {@value #DEFAULT_MAX_POLL_RECORDS}
     * @param writers                database connections a batch is written over at once, each taking
     *                               whole partitions with their offsets (partition number modulo writers).
     *                               Default: one per core
     * @param pollsInFlight          polls a writer lane may be behind the consumer before the consumer waits.
     *                               Default {@value #DEFAULT_POLLS_IN_FLIGHT}
     * @param maxPartitionFetchBytes bytes fetched per partition per request. Default 8 MiB: a run event is
     *                               about 600 bytes, and Kafka's 1 MiB would cut batches short
     * @param pollTimeout            how long one poll waits for records. Default 500 ms
     * @param idleCheckAfter         how long the loop may see nothing before it asks Kafka whether it is
     *                               there at all, and the database whether a rebuild emptied the offsets
     *                               under it. Default 5 s
     * @param kafkaProbeTimeout      how long that question to Kafka may take. Default 5 s
     * @param firstBackoff           the wait before retrying a failed database step; it doubles with each
     *                               failure. Default 250 ms
     * @param maxBackoff             the longest wait between database retries. Default 30 s
     * @param leaveGroupTimeout      how long closing the consumer may take to leave the group, so that the
     *                               partitions move on at once rather than after a session timeout.
     *                               Default 10 s
     * @param stopTimeout            how long {@link #close()} waits for the loop to end. Default 30 s
     */
    public record Settings(String bootstrapServers, String consumerGroup, String instanceId, int maxPollRecords,
                           int writers, int pollsInFlight, int maxPartitionFetchBytes, Duration pollTimeout,
                           Duration idleCheckAfter, Duration kafkaProbeTimeout, Duration firstBackoff,
                           Duration maxBackoff, Duration leaveGroupTimeout, Duration stopTimeout,
                           Map<String, String> kafkaClient) {

        public static final String DEFAULT_CONSUMER_GROUP = "taskmon-projector";
        /**
         * Split over the writers, thousands of rows per transaction spread its fixed cost, while
         * smaller polls keep the writers and the poll thread overlapping; this size measured
         * fastest (see BENCHMARKS.md).
         */
        public static final int DEFAULT_MAX_POLL_RECORDS = 7_500;
        /**
         * One per core: PostgreSQL works one statement on one core, so that many writers keep every
         * core busy while the poll thread reads the next batch; more only contend.
         */
        public static final int DEFAULT_WRITERS = Runtime.getRuntime().availableProcessors();
        public static final int DEFAULT_POLLS_IN_FLIGHT = 2;
        public static final int DEFAULT_MAX_PARTITION_FETCH_BYTES = 8 * 1024 * 1024;
        public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofMillis(500);
        public static final Duration DEFAULT_IDLE_CHECK_AFTER = Duration.ofSeconds(5);
        public static final Duration DEFAULT_KAFKA_PROBE_TIMEOUT = Duration.ofSeconds(5);
        public static final Duration DEFAULT_FIRST_BACKOFF = Duration.ofMillis(250);
        public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
        public static final Duration DEFAULT_LEAVE_GROUP_TIMEOUT = Duration.ofSeconds(10);
        public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);

        public Settings {
            if (bootstrapServers == null || bootstrapServers.isBlank()) {
                throw new IllegalArgumentException("bootstrapServers must name at least one Kafka broker");
            }
            if (consumerGroup == null || consumerGroup.isBlank()) {
                throw new IllegalArgumentException("consumerGroup must not be empty");
            }
            atLeastOne("maxPollRecords", maxPollRecords);
            atLeastOne("writers", writers);
            atLeastOne("pollsInFlight", pollsInFlight);
            atLeastOne("maxPartitionFetchBytes", maxPartitionFetchBytes);
            positive("pollTimeout", pollTimeout);
            positive("idleCheckAfter", idleCheckAfter);
            positive("kafkaProbeTimeout", kafkaProbeTimeout);
            positive("firstBackoff", firstBackoff);
            positive("maxBackoff", maxBackoff);
            positive("leaveGroupTimeout", leaveGroupTimeout);
            positive("stopTimeout", stopTimeout);
            kafkaClient = Map.copyOf(kafkaClient);
        }

        /** These settings with Kafka client properties (security, SASL, ...) applied on top of the consumer's own. */
        public Settings withKafkaClient(Map<String, String> properties) {
            return new Settings(bootstrapServers, consumerGroup, instanceId, maxPollRecords, writers, pollsInFlight,
                    maxPartitionFetchBytes, pollTimeout, idleCheckAfter, kafkaProbeTimeout, firstBackoff, maxBackoff,
                    leaveGroupTimeout, stopTimeout, properties);
        }

        /** These settings with this many writer lanes and records per poll. */
        public Settings withWriters(int writerLanes, int pollRecords) {
            return new Settings(bootstrapServers, consumerGroup, instanceId, pollRecords, writerLanes, pollsInFlight,
                    maxPartitionFetchBytes, pollTimeout, idleCheckAfter, kafkaProbeTimeout, firstBackoff, maxBackoff,
                    leaveGroupTimeout, stopTimeout, kafkaClient);
        }

        /** Every default, in consumer group {@value #DEFAULT_CONSUMER_GROUP}. */
        public static Settings defaults(String bootstrapServers) {
            return new Settings(bootstrapServers, DEFAULT_CONSUMER_GROUP, null);
        }

        public Settings(String bootstrapServers, String consumerGroup, String instanceId) {
            this(bootstrapServers, consumerGroup, instanceId, DEFAULT_MAX_POLL_RECORDS);
        }

        public Settings(String bootstrapServers, String consumerGroup, String instanceId, int maxPollRecords) {
            this(bootstrapServers, consumerGroup, instanceId, maxPollRecords, DEFAULT_WRITERS,
                    DEFAULT_POLLS_IN_FLIGHT, DEFAULT_MAX_PARTITION_FETCH_BYTES, DEFAULT_POLL_TIMEOUT,
                    DEFAULT_IDLE_CHECK_AFTER, DEFAULT_KAFKA_PROBE_TIMEOUT, DEFAULT_FIRST_BACKOFF, DEFAULT_MAX_BACKOFF,
                    DEFAULT_LEAVE_GROUP_TIMEOUT, DEFAULT_STOP_TIMEOUT, Map.of());
        }

        private static void atLeastOne(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, got " + value);
            }
        }

        private static void positive(String name, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be a positive duration, got " + value);
            }
        }
    }

    private final Settings settings;
    private final KafkaDeadLetterSink deadLetters;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Thread loop;
    private final WriterLanes lanes;
    private final DatabaseRetry retry;
    private final KafkaProbe probe;
    private final StoredOffsets offsets;
    private final LaneDispatcher dispatcher;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile ResumeFromDatabase resume;

    public Projector(Settings settings, Jdbi jdbi) {
        this.settings = Objects.requireNonNull(settings, "settings");
        String name = "projector-" + settings.consumerGroup();
        this.deadLetters = new KafkaDeadLetterSink(settings.bootstrapServers(), Clock.systemUTC());
        ReadModelWriter writer = new ReadModelWriter(jdbi, settings.consumerGroup(), deadLetters);
        this.retry = new DatabaseRetry(settings.consumerGroup(), settings.firstBackoff(), settings.maxBackoff(),
                stopping);
        this.probe = new KafkaProbe(settings.consumerGroup(), settings.bootstrapServers(),
                settings.kafkaProbeTimeout());
        this.lanes = new WriterLanes(settings.writers(), settings.pollsInFlight(), name);
        this.offsets = new StoredOffsets(settings.consumerGroup(), writer, retry);
        this.dispatcher = new LaneDispatcher(settings.consumerGroup(), lanes, offsets, writer, retry);
        this.loop = new Thread(this::run, name);
    }

    public void start() {
        loop.start();
    }

    /** True once the consumer has joined its group, while the loop runs, reaches Kafka and its last write reached the database. */
    public boolean isRunning() {
        ResumeFromDatabase joinedVia = resume;
        return joinedVia != null && joinedVia.joined() && loop.isAlive() && !retry.failing() && !probe.unreachable();
    }

    private void run() {
        KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(
                ConsumerProperties.of(settings), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            consumer = kafka;
            if (stopping.getCount() == 0) {
                return;
            }
            resume = new ResumeFromDatabase(kafka, lanes, offsets);
            kafka.subscribe(RecordProjection.TOPICS.stream().map(Topic::name).toList(), resume);
            poll(kafka);
        } catch (WakeupException e) {
            // close() woke us up to stop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Projector {} stopped on an unexpected error", settings.consumerGroup(), e);
        } finally {
            kafka.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(settings.leaveGroupTimeout()));
            deadLetters.close();
            lanes.close();
        }
    }

    private void poll(KafkaConsumer<byte[], byte[]> kafka) throws InterruptedException {
        long idleSince = System.nanoTime();
        while (stopping.getCount() > 0) {
            ConsumerRecords<byte[], byte[]> records = kafka.poll(settings.pollTimeout());
            if (lanes.anyOffsetsMoved()) {
                // Another writer moved our partitions (a rebuild, or we lost them): what was
                // just read may start at the wrong place, so read again from the database.
                lanes.drain();
                offsets.seekToStored(kafka, kafka.assignment());
                lanes.clearOffsetsMoved();
                continue;
            }
            Map<TopicPartition, Long> positions = offsets.positionsAfter(kafka, records);
            if (!positions.isEmpty()) {
                dispatcher.queue(records, positions);
            }
            if (!records.isEmpty()) {
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince > settings.idleCheckAfter().toNanos()) {
                lanes.drain();
                probe.probe(kafka);
                offsets.noticeMovedOffsets(kafka);
                idleSince = System.nanoTime();
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
            loop.join(settings.stopTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
