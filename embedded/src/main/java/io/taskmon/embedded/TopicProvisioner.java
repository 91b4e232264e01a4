package io.taskmon.embedded;

import io.taskmon.events.Topic;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates taskmon's topics with their policies; topics that already exist are left as they are. */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    /** Replay sources are kept for a year by default; the read model can be rebuilt from them. */
    static final long LONG_RETENTION_MS = TimeUnit.DAYS.toMillis(365);
    /** Clock ticks: a day covers any catch-up, and a tick older than that judges nothing. */
    static final long SHORT_RETENTION_MS = TimeUnit.DAYS.toMillis(1);

    private TopicProvisioner() {
    }

    public static void ensureTopics(String bootstrapServers, Collection<Topic<?, ?>> topics, int partitions) {
        ensureTopics(bootstrapServers, Map.of(), topics, partitions);
    }

    /** The same, with Kafka client properties (security, SASL, ...) applied on top of the admin client's own. */
    public static void ensureTopics(String bootstrapServers, Map<String, String> clientProperties,
                                    Collection<Topic<?, ?>> topics, int partitions) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        config.putAll(clientProperties);
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (Topic<?, ?> topic : topics) {
                if (!existing.contains(topic.name())) {
                    missing.add(newTopic(topic, partitions));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                LOG.info("Created topics {}", missing.stream().map(NewTopic::name).toList());
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create taskmon topics on " + bootstrapServers + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    private static NewTopic newTopic(Topic<?, ?> topic, int partitions) {
        Map<String, String> configs = switch (topic.retention()) {
            case COMPACT -> Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
            case LONG_DELETE -> Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                    TopicConfig.RETENTION_MS_CONFIG, Long.toString(LONG_RETENTION_MS));
            case SHORT_DELETE -> Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                    TopicConfig.RETENTION_MS_CONFIG, Long.toString(SHORT_RETENTION_MS));
        };
        return new NewTopic(topic.name(), partitions, (short) 1).configs(configs);
    }
}
