package io.taskmon.reporter;

import static org.awaitility.Awaitility.await;

import io.taskmon.embedded.SharedInfrastructure;
import io.taskmon.events.TaskRunReported;
import io.taskmon.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** Everything the gateway published to {@link Topics#TASK_RUNS}, read back from the broker. */
final class RunsTopic implements AutoCloseable {

    private final KafkaConsumer<UUID, TaskRunReported> consumer;
    private final List<TaskRunReported> seen = new ArrayList<>();

    RunsTopic() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "reporter-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                Topics.TASK_RUNS.keySerde().deserializer(), Topics.TASK_RUNS.valueSerde().deserializer());
        consumer.subscribe(List.of(Topics.TASK_RUNS.name()));
    }

    /** Waits until the task has reports matching the condition; returns all of the task's reports in topic order. */
    List<TaskRunReported> awaitRuns(String taskKey, Predicate<List<TaskRunReported>> until) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            poll();
            return runsOf(taskKey);
        }, until);
    }

    /** The task's finished runs (not start signals), once there are {@code count} of them. */
    List<TaskRunReported> awaitFinishes(String taskKey, int count) {
        return awaitRuns(taskKey, runs -> finishes(runs).size() >= count).stream()
                .filter(r -> r.status().isFinished()).toList();
    }

    /** Reads whatever else arrived, for checks that something did not. */
    List<TaskRunReported> runsNow(String taskKey) {
        poll();
        poll();
        return runsOf(taskKey);
    }

    static List<TaskRunReported> finishes(List<TaskRunReported> runs) {
        return runs.stream().filter(r -> r.status().isFinished()).toList();
    }

    private void poll() {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> seen.add(record.value()));
    }

    private List<TaskRunReported> runsOf(String taskKey) {
        return seen.stream().filter(r -> r.taskKey().equals(taskKey)).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
