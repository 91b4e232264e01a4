package io.taskmon.streams;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks for the group's committed offsets the way Streams does when it starts (stable offsets
 * only, {@code read_committed}), so that a start held back by an open transaction on them says
 * so, and by which transaction, instead of only waiting in REBALANCING.
 */
final class CommittedOffsetsCheck {

    private static final Logger LOG = LoggerFactory.getLogger(CommittedOffsetsCheck.class);
    private static final Duration BOUND = Duration.ofSeconds(5);

    private final Map<String, Object> consumerProperties = new HashMap<>();
    private final String groupId;
    private final Predicate<String> ownTopic;

    CommittedOffsetsCheck(String bootstrapServers, Map<String, String> kafkaClient, String groupId,
                          Predicate<String> ownTopic) {
        consumerProperties.putAll(kafkaClient);
        consumerProperties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumerProperties.put(ConsumerConfig.CLIENT_ID_CONFIG, "taskmon-monitor-streams-recovery");
        consumerProperties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerProperties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.groupId = groupId;
        this.ownTopic = ownTopic;
    }

    /**
     * Warns when the group's committed offsets cannot be read within a few seconds; never throws.
     *
     * @return whether they were held
     */
    boolean warnIfHeld(List<HangingTransactions.OpenTransaction> ongoing) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties,
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Set<TopicPartition> partitions = consumer.listTopics(BOUND).values().stream()
                    .flatMap(List::stream)
                    .filter(info -> ownTopic.test(info.topic()))
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .collect(Collectors.toSet());
            consumer.committed(partitions, BOUND);
            return false;
        } catch (TimeoutException e) {
            if (ongoing.isEmpty()) {
                LOG.warn("monitor-streams: recovery: the committed offsets of group {} are held by a pending offset"
                        + " commit of a transaction that is open on no partition the recovery looks at; Streams waits"
                        + " until it ends", groupId);
            } else {
                LOG.warn("monitor-streams: recovery: the committed offsets of group {} are not readable yet; ongoing"
                        + " transactions, which their coordinator or their producer's successor will end: {}", groupId,
                        ongoing.stream().map(HangingTransactions.OpenTransaction::describe).toList());
            }
            return true;
        } catch (RuntimeException e) {
            LOG.warn("monitor-streams: recovery: could not read the committed offsets of group {} ({})", groupId,
                    e.toString());
            return false;
        }
    }
}
