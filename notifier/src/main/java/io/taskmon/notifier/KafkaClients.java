package io.taskmon.notifier;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/** The notifier's Kafka client properties, with the pass-through properties applied last. */
final class KafkaClients {

    private KafkaClients() {
    }

    static Properties consumer(String bootstrapServers, Map<String, String> passThrough) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Alerts come from monitor-streams' transactions; an aborted one must never be told.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.putAll(passThrough);
        return props;
    }

    static Properties producer(String bootstrapServers, Map<String, String> passThrough) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.putAll(passThrough);
        return props;
    }
}
