package io.taskmon.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskmon.embedded.SharedInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The recovery step on the real broker, from the side that must never go wrong: a transaction
 * that a live producer has open is seen as ongoing and left alone, and commits afterwards; one
 * open only on the group's consumer offsets is seen too, and holds the group's offsets. The
 * dropped case (a coordinator that skipped its markers after a crash of the broker) is made
 * by the crash loop test in the standalone module, with real kills.
 */
class TransactionRecoveryTest {

    private Admin admin;
    private String topic;

    @BeforeEach
    void createTopic() throws Exception {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfrastructure.kafkaBootstrapServers()));
        topic = "recovery-it-" + UUID.randomUUID();
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }

    @AfterEach
    void closeAdmin() {
        admin.close();
    }

    @Test
    void shouldLeaveAnOngoingTransactionToItsProducer() throws Exception {
        try (KafkaProducer<String, String> producer = openTransactionWith("kept")) {
            var found = new HangingTransactions(admin, topic::equals, "recovery-it").find();
            assertThat(found).hasSize(1);
            var open = found.keySet().iterator().next();
            assertThat(open.startOffsets()).containsOnlyKeys(new TopicPartition(topic, 0));
            assertThat(found.get(open).view()).isEqualTo(HangingTransactions.CoordinatorView.ONGOING);
            assertThat(open.holdsOffsets()).isFalse();

            int ended = new TransactionRecovery(SharedInfrastructure.kafkaBootstrapServers(), Map.of(), "recovery-it",
                    topic::equals).run();
            assertThat(ended).isZero();
            producer.commitTransaction();
        }
        assertThat(readCommitted(topic)).containsExactly("kept");
        assertThat(new HangingTransactions(admin, topic::equals, "recovery-it").find()).isEmpty();
    }

    @Test
    void shouldFindNothingOnTopicsThatAreNotItsOwn() throws Exception {
        try (KafkaProducer<String, String> producer = openTransactionWith("v")) {
            assertThat(new HangingTransactions(admin, name -> name.equals("some-other-topic"), "recovery-it").find()).isEmpty();
            producer.abortTransaction();
        }
    }

    @Test
    void shouldSeeATransactionOpenOnlyOnItsGroupsOffsets() throws Exception {
        String group = "recovery-it-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = transactionalProducer(group + "-1")) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.sendOffsetsToTransaction(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(1)),
                    new ConsumerGroupMetadata(group));

            var found = new HangingTransactions(admin, name -> false, group).find();
            assertThat(found).hasSize(1);
            var open = found.keySet().iterator().next();
            assertThat(open.holdsOffsets()).isTrue();
            assertThat(found.get(open).view()).isEqualTo(HangingTransactions.CoordinatorView.ONGOING);
            assertThat(new HangingTransactions(admin, name -> false, groupOnAnotherOffsetsPartition(group)).find())
                    .isEmpty();
            CommittedOffsetsCheck check = new CommittedOffsetsCheck(SharedInfrastructure.kafkaBootstrapServers(),
                    Map.of(), group, topic::equals);
            assertThat(check.warnIfHeld(List.of(open))).as("offsets held by the open transaction").isTrue();

            producer.commitTransaction();
            assertThat(check.warnIfHeld(List.of())).as("offsets held once committed").isFalse();
        }
        assertThat(new HangingTransactions(admin, name -> false, group).find()).isEmpty();
    }

    /** A group whose offsets live on another partition of the consumer offsets topic than the given group's. */
    private String groupOnAnotherOffsetsPartition(String group) throws Exception {
        int partitions = admin.describeTopics(List.of(Topic.GROUP_METADATA_TOPIC_NAME)).allTopicNames().get()
                .get(Topic.GROUP_METADATA_TOPIC_NAME).partitions().size();
        int own = Utils.abs(group.hashCode()) % partitions;
        for (int i = 0; ; i++) {
            String other = group + "-other-" + i;
            if (Utils.abs(other.hashCode()) % partitions != own) {
                return other;
            }
        }
    }

    /** A producer with a transaction open on the test's topic, holding one record. */
    private KafkaProducer<String, String> openTransactionWith(String value) throws Exception {
        KafkaProducer<String, String> producer = transactionalProducer("recovery-it-" + UUID.randomUUID());
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(topic, "k", value)).get();
        return producer;
    }

    private static KafkaProducer<String, String> transactionalProducer(String transactionalId) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId),
                new StringSerializer(), new StringSerializer());
    }

    private static List<String> readCommitted(String topic) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(Set.of(new TopicPartition(topic, 0)));
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
