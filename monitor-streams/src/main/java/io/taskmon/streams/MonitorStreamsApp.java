package io.taskmon.streams;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
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
     * @param applicationId the Streams application id: instances sharing it split the partitions
     * @param stateDir      where RocksDB keeps the state stores
     * @param instanceId    a stable name for this instance (static group membership), or null:
     *                      a restarted instance with the same name takes its partitions back at
     *                      once instead of waiting for the broker to time its old self out
     */
    public record Settings(String bootstrapServers, String applicationId, Path stateDir, String instanceId) {

        public static final String DEFAULT_APPLICATION_ID = "taskmon-monitor-streams";

        public Properties toProperties() {
            Properties props = new Properties();
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
            props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
            props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            // An unreadable or unprocessable record is logged and skipped: one poison record
            // must not stop every monitor, nor crash-loop the app on restart.
            props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                    LogAndContinueExceptionHandler.class);
            props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                    LogAndContinueProcessingExceptionHandler.class);
            props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
            if (instanceId != null) {
                props.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), instanceId);
            }
            return props;
        }
    }

    private final KafkaStreams streams;

    public MonitorStreamsApp(Settings settings) {
        this.streams = new KafkaStreams(MonitorStatusTopology.build(), settings.toProperties());
        this.streams.setUncaughtExceptionHandler(error -> {
            // Record-level failures are handled above; what reaches here is infrastructure
            // (broker gone, fenced producer), which a fresh thread recovers from.
            LOG.error("monitor-streams thread failed; replacing it", error);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    }

    public void start() {
        streams.start();
    }

    /**
     * True while the app processes records. Not during a rebalance: right after start the app
     * is rebalancing while its tasks open their stores, and a report sent then would wait.
     */
    public boolean isRunning() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void close() {
        // Leaving the group hands the partitions over now; otherwise the next start waits
        // for the broker's session timeout before it processes anything.
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
    }
}
