package io.taskmon.projector;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/** The Kafka consumer configuration a projector instance runs with. */
final class ConsumerProperties {

    private ConsumerProperties() {
    }

    static Properties of(Projector.Settings settings) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.consumerGroup());
        // Offsets are stored in the database with the rows they cover, never in Kafka.
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // monitor-streams writes in transactions; only committed results are projected.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, settings.maxPartitionFetchBytes());
        if (settings.instanceId() != null) {
            props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, settings.instanceId());
        }
        props.putAll(settings.kafkaClient());
        return props;
    }
}
