package io.taskmon.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.taskmon.events.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Topics that monitor-streams reads together keep one partition count: a missing one takes the
 * count of those that exist, whatever this start asks for, and a group that disagrees stops
 * the start with a sentence that says how to mend it.
 */
class TopicProvisionerTest {

    private Admin admin;
    private String prefix;

    @BeforeEach
    void connect() {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers()));
        prefix = "provisioner-it-" + UUID.randomUUID() + "-";
    }

    @AfterEach
    void close() {
        admin.close();
    }

    @Test
    void shouldGiveAMissingCoPartitionedTopicTheCountOfTheExistingOnes() throws Exception {
        Topic<String, String> runs = topic("runs");
        Topic<String, String> ticks = topic("ticks");
        Topic<String, String> other = topic("other");
        create(new NewTopic(runs.name(), 4, (short) 1));

        TopicProvisioner.ensureTopics(SharedInfrastructure.kafkaBootstrapServers(), Map.of(), List.of(runs, ticks, other),
                2, List.of(runs, ticks));

        assertThat(partitions(ticks)).as("the tick topic, created next to a run topic of 4").isEqualTo(4);
        assertThat(partitions(other)).as("a topic outside the group").isEqualTo(2);
    }

    @Test
    void shouldRefuseCoPartitionedTopicsWhoseCountsDiffer() throws Exception {
        Topic<String, String> runs = topic("runs");
        Topic<String, String> ticks = topic("ticks");
        create(new NewTopic(runs.name(), 4, (short) 1), new NewTopic(ticks.name(), 3, (short) 1));

        assertThatThrownBy(() -> TopicProvisioner.ensureTopics(SharedInfrastructure.kafkaBootstrapServers(), Map.of(),
                List.of(runs, ticks), 4, List.of(runs, ticks)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(runs.name() + "=4")
                .hasMessageContaining(ticks.name() + "=3")
                .hasMessageContaining("must have the same partition count");
    }

    /** Creates topics as an earlier start would have: listed by the broker before the provisioner looks. */
    private void create(NewTopic... topics) throws Exception {
        admin.createTopics(List.of(topics)).all().get();
        awaitListed(Stream.of(topics).map(NewTopic::name).toList());
    }

    /** A topic just created is described only once its metadata has reached the broker's cache. */
    private void awaitListed(List<String> names) throws Exception {
        await().atMost(Duration.ofSeconds(15)).until(() -> admin.listTopics().names().get().containsAll(names));
    }

    private Topic<String, String> topic(String name) {
        return new Topic<>(prefix + name, Serdes.String(), Serdes.String(), Topic.Retention.SHORT_DELETE);
    }

    private int partitions(Topic<?, ?> topic) throws Exception {
        awaitListed(List.of(topic.name()));
        return admin.describeTopics(List.of(topic.name())).allTopicNames().get().get(topic.name()).partitions().size();
    }
}
