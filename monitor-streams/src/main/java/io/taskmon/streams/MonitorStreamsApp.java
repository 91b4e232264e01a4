package io.taskmon.streams;

import io.taskmon.events.Topic;
import io.taskmon.events.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the monitor topology: owns the Streams configuration, start and stop. */
public final class MonitorStreamsApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MonitorStreamsApp.class);

    /**
     * Settings of one instance.
     *
     * @param applicationId  the Streams application id: instances sharing it split the partitions
     * @param stateDir       where RocksDB keeps the state stores
     * @param instanceId     a stable name for this instance (static group membership), or null:
     *                       a restarted instance with the same name takes its partitions back at
     *                       once instead of waiting for the broker to time its old self out
     * @param rules          thresholds, intervals and timeouts of the monitor rules
     * @param commitInterval how often a transaction commits. With exactly-once, output becomes
     *                       readable (read_committed) only at a commit, so this bounds the alert
     *                       latency from below; shorter means more transactions, which costs
     *                       throughput when catching up
     * @param streamThreads  processing threads of this instance
     * @param kafkaClient    Kafka client properties applied on top of these (security, SASL, ...), e.g. from
     *                       TASKMON_KAFKA_*; they reach the Streams config and through it every client it makes
     */
    public record Settings(String bootstrapServers, String applicationId, Path stateDir, String instanceId,
                           MonitorRules rules, Duration commitInterval, int streamThreads,
                           Map<String, String> kafkaClient) {

        public static final String DEFAULT_APPLICATION_ID = "taskmon-monitor-streams";
        /** Kafka's own default under exactly-once: alerts readable within about 100 ms plus processing. */
        public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(100);

        public Settings {
            if (rules == null) {
                throw new IllegalArgumentException("monitor rules are required");
            }
            if (commitInterval == null || commitInterval.isNegative() || commitInterval.isZero()) {
                throw new IllegalArgumentException("commit interval must be a positive duration, got " + commitInterval);
            }
            if (streamThreads < 1) {
                throw new IllegalArgumentException("stream threads must be at least 1, got " + streamThreads);
            }
            kafkaClient = Map.copyOf(kafkaClient);
        }

        /** Without Kafka client properties beyond taskmon's own. */
        public Settings(String bootstrapServers, String applicationId, Path stateDir, String instanceId,
                        MonitorRules rules, Duration commitInterval, int streamThreads) {
            this(bootstrapServers, applicationId, stateDir, instanceId, rules, commitInterval, streamThreads, Map.of());
        }

        /** The default rules, commit interval and one processing thread. */
        public Settings(String bootstrapServers, String applicationId, Path stateDir, String instanceId) {
            this(bootstrapServers, applicationId, stateDir, instanceId, MonitorRules.defaults(),
                    DEFAULT_COMMIT_INTERVAL, 1, Map.of());
        }

        public Settings withRules(MonitorRules newRules) {
            return new Settings(bootstrapServers, applicationId, stateDir, instanceId, newRules, commitInterval,
                    streamThreads, kafkaClient);
        }

        public Settings withCommitInterval(Duration interval) {
            return new Settings(bootstrapServers, applicationId, stateDir, instanceId, rules, interval,
                    streamThreads, kafkaClient);
        }

        public Settings withStreamThreads(int threads) {
            return new Settings(bootstrapServers, applicationId, stateDir, instanceId, rules, commitInterval,
                    threads, kafkaClient);
        }

        public Settings withKafkaClient(Map<String, String> properties) {
            return new Settings(bootstrapServers, applicationId, stateDir, instanceId, rules, commitInterval,
                    streamThreads, properties);
        }

        public Properties toProperties() {
            Properties props = new Properties();
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
            props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
            props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(commitInterval.toMillis()));
            props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(streamThreads));
            props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, MonitorRocksDbConfig.class);
            // Inputs are read as bytes and unreadable records go to the dead-letter topic inside
            // the topology. What is left is a bug on one record: log it and go on rather than
            // stop every monitor or crash-loop on restart.
            props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                    LogAndContinueProcessingExceptionHandler.class);
            props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
            // Every run becomes a status, an hourly total and changelog entries of about 1 KB of
            // JSON each; lz4 shrinks them several times for little CPU, which matters most when
            // catching up after downtime, where the broker's intake is the limit.
            props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
            // Catching up, the thread drained a partition's 1 MiB fetch in a few milliseconds and
            // then waited for the next one; larger fetches keep it busy.
            props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG),
                    Integer.toString(8 << 20));
            // Larger batches of outputs and changelog entries: fewer produce requests for the
            // broker to handle and better lz4 ratios. Commits flush them anyway.
            props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), Integer.toString(256 << 10));
            if (instanceId != null) {
                props.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), instanceId);
            }
            props.putAll(kafkaClient);
            return props;
        }
    }

    private final KafkaStreams streams;
    private final StreamsProgress progress = new StreamsProgress();
    private final TransactionRecovery recovery;

    public MonitorStreamsApp(Settings settings) {
        this.streams = new KafkaStreams(MonitorStatusTopology.build(settings.rules()), settings.toProperties());
        String internalTopicPrefix = settings.applicationId() + "-";
        Set<String> taskmonTopics = Topics.ALL.stream().map(Topic::name).collect(Collectors.toUnmodifiableSet());
        this.recovery = new TransactionRecovery(settings.bootstrapServers(), settings.kafkaClient(),
                settings.applicationId(), topic -> topic.startsWith(internalTopicPrefix) || taskmonTopics.contains(topic));
        this.streams.setStateListener(progress);
        this.streams.setGlobalStateRestoreListener(progress);
        this.streams.setUncaughtExceptionHandler(error -> {
            // Record-level failures are handled above; what reaches here is infrastructure
            // (broker gone, fenced producer), which a fresh thread recovers from.
            LOG.error("monitor-streams thread failed; replacing it", error);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    }

    /** Ends transactions a crash left hanging on taskmon's topics (see {@link TransactionRecovery}), then starts. */
    public void start() {
        recovery.run();
        streams.start();
    }

    /**
     * True while the app processes records. Not during a rebalance: right after start the app
     * is rebalancing while its tasks open their stores, and a report sent then would wait.
     */
    public boolean isRunning() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    /** Tasks (partitions of each sub-topology) this instance processes now. */
    public int activeTaskCount() {
        return streams.metadataForLocalThreads().stream().mapToInt(thread -> thread.activeTasks().size()).sum();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Why the app is not processing yet, in a few words: its state, or how far its restore has come. */
    public String progress() {
        return progress.describe();
    }

    /**
     * Records replayed from changelogs into each state store since start, by store name. After
     * a clean stop the persistent stores resume from their checkpoints and replay nothing; the
     * in-memory status store is always reloaded from its (compacted) changelog.
     */
    public Map<String, Long> recordsRestoredSinceStart() {
        return progress.recordsRestoredByStore();
    }

    @Override
    public void close() {
        // Leaving the group hands the partitions over now; otherwise the next start waits
        // for the broker's session timeout before it processes anything.
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
    }
}
