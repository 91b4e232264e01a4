package io.taskmon.embedded;

import io.taskmon.events.Topic;
import io.taskmon.events.Topics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
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
        ensureTopics(bootstrapServers, clientProperties, topics, partitions, Topics.CO_PARTITIONED);
    }

    /**
     * Creates what is missing of {@code topics}; a missing member of {@code coPartitioned} takes
     * the partition count of the members that exist (a cluster set up with another count than
     * this start's, or a topic added in a later version), and a group whose members disagree is
     * a clear error here rather than a Streams failure later.
     */
    static void ensureTopics(String bootstrapServers, Map<String, String> clientProperties,
                             Collection<Topic<?, ?>> topics, int partitions, Collection<Topic<?, ?>> coPartitioned) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        config.putAll(clientProperties);
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<String> group = coPartitioned.stream().map(Topic::name).filter(name ->
                    topics.stream().anyMatch(topic -> topic.name().equals(name))).toList();
            Map<String, Integer> groupCounts = partitionCounts(admin, group.stream().filter(existing::contains).toList());
            // Those that are there must agree; those created below take their count.
            requireSameCount(groupCounts);
            int groupPartitions = groupCounts.values().stream().findFirst().orElse(partitions);
            List<NewTopic> missing = new ArrayList<>();
            for (Topic<?, ?> topic : topics) {
                if (!existing.contains(topic.name())) {
                    missing.add(newTopic(topic, group.contains(topic.name()) ? groupPartitions : partitions));
                }
            }
            if (!missing.isEmpty()) {
                create(admin, missing);
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

    /** Creates the topics; one that another start created meanwhile is as good as created. */
    private static void create(Admin admin, List<NewTopic> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        for (var created : admin.createTopics(topics).values().values()) {
            try {
                created.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    private static Map<String, Integer> partitionCounts(Admin admin, List<String> names)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        if (names.isEmpty()) {
            return counts;
        }
        Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
        names.forEach(name -> counts.put(name, descriptions.get(name).partitions().size()));
        return counts;
    }

    private static void requireSameCount(Map<String, Integer> counts) {
        if (new HashSet<>(counts.values()).size() > 1) {
            throw new IllegalStateException("the topics " + counts + " (name=partitions) must have the same partition"
                    + " count: monitor-streams reads them together, partition by partition. Add partitions to the"
                    + " smaller ones (kafka-topics.sh --alter --partitions N) before starting taskmon");
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
