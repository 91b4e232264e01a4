package io.taskmon.projector;

import java.time.Duration;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the broker whether it is there at all. A consumer that cannot reach Kafka only returns
 * empty polls and reconnects by itself, so an idle projector asks, to tell the log and
 * {@code /health} that it is cut off rather than idle.
 */
final class KafkaProbe {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaProbe.class);

    private final String consumerGroup;
    private final String bootstrapServers;
    private final Duration timeout;
    private volatile boolean unreachable;

    KafkaProbe(String consumerGroup, String bootstrapServers, Duration timeout) {
        this.consumerGroup = consumerGroup;
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
    }

    /** True from a failed probe until the next one that gets an answer. */
    boolean unreachable() {
        return unreachable;
    }

    void probe(Consumer<byte[], byte[]> kafka) {
        try {
            kafka.listTopics(timeout);
            if (unreachable) {
                LOG.info("Projector {} reaches Kafka at {} again", consumerGroup, bootstrapServers);
                unreachable = false;
            }
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            unreachable = true;
            LOG.warn("Projector {} cannot reach Kafka at {} ({}); the consumer keeps reconnecting and resumes"
                    + " from the offsets stored in the database", consumerGroup, bootstrapServers, e.getMessage());
        }
    }
}
