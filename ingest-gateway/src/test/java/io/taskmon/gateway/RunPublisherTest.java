package io.taskmon.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.taskmon.embedded.SharedInfrastructure;
import io.taskmon.events.MonitorId;
import io.taskmon.events.RunStatus;
import io.taskmon.events.TaskRunReported;
import io.taskmon.web.RequestRejected;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The hand-over from many request threads to the one sender thread, against the real broker:
 * every report is answered and published exactly once, and none is left waiting at close.
 */
class RunPublisherTest {

    private static final Duration LINGER = Duration.ofMillis(2);

    private static TaskRunReported run(String taskKey) {
        UUID eventId = UUID.randomUUID();
        return new TaskRunReported(TaskRunReported.SCHEMA_VERSION, eventId, eventId.toString(),
                MonitorId.of(taskKey, "shell", null), taskKey, "hand-over test", "shell", null, RunStatus.SUCCESS,
                null, null, null, 0, null, null, Instant.now(), null, null, null, null, null, Map.of(), null);
    }

    @Test
    void shouldAnswerAndPublishEveryReportSentFromManyThreadsAtOnce() throws Exception {
        String taskKey = "handover_" + UUID.randomUUID().toString().substring(0, 8);
        int threads = 8;
        int perThread = 250;
        List<CompletableFuture<Void>> answers = new ArrayList<>();
        try (RunPublisher publisher = new RunPublisher(SharedInfrastructure.kafkaBootstrapServers(),
                Duration.ofSeconds(10), LINGER, Map.of());
             PublishedRuns published = new PublishedRuns("run-publisher-test")) {
            ExecutorService senders = Executors.newFixedThreadPool(threads);
            try {
                List<Future<List<CompletableFuture<Void>>>> batches = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    batches.add(senders.submit(() -> {
                        List<CompletableFuture<Void>> mine = new ArrayList<>();
                        for (int i = 0; i < perThread; i++) {
                            mine.add(publisher.publish(run(taskKey)));
                        }
                        return mine;
                    }));
                }
                for (var batch : batches) {
                    answers.addAll(batch.get(30, TimeUnit.SECONDS));
                }
            } finally {
                senders.shutdown();
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertThat(answers).hasSize(threads * perThread).allMatch(a -> a.isDone() && !a.isCompletedExceptionally());

            List<ConsumerRecord<UUID, TaskRunReported>> mine = await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> published.poll(Duration.ofMillis(200)).stream()
                                    .filter(r -> r.value().taskKey().equals(taskKey)).toList(),
                            records -> records.size() >= threads * perThread);
            assertThat(mine).hasSize(threads * perThread);
            assertThat(mine.stream().map(r -> r.value().eventId()).distinct()).hasSize(threads * perThread);
        }
    }

    @Test
    void shouldRefuseWith503OnceClosedRatherThanLeaveAReportWaiting() {
        RunPublisher publisher = new RunPublisher(SharedInfrastructure.kafkaBootstrapServers(), Duration.ofSeconds(10),
                LINGER, Map.of());
        publisher.close();

        CompletableFuture<Void> answer = publisher.publish(run("after_close"));

        assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(RequestRejected.class,
                        rejected -> assertThat(rejected.status().getCode()).isEqualTo(503));
    }

    @Test
    void stopsTheGatewayStartOnAnUnusableLinger() {
        for (String linger : List.of("-1ms", "5s")) {
            assertThatThrownBy(() -> GatewayServer.start(Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9",
                    "TASKMON_INGEST_KEYS", "k",
                    "TASKMON_INGEST_LINGER", linger)))
                    .as(linger)
                    .hasMessageContaining("TASKMON_INGEST_LINGER must be from 0ms to 1s");
        }
        assertThatThrownBy(() -> GatewayServer.start(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9",
                "TASKMON_INGEST_KEYS", "k",
                "TASKMON_INGEST_LINGER", "soon")))
                .hasMessageContaining("TASKMON_INGEST_LINGER");
    }
}
