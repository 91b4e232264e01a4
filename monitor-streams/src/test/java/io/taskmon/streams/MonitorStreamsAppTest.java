package io.taskmon.streams;

import static io.taskmon.events.RunStatus.FAILED;
import static io.taskmon.events.RunStatus.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskmon.embedded.SharedInfrastructure;
import io.taskmon.events.MonitorStatus;
import io.taskmon.events.TaskRunReported;
import io.taskmon.events.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/** The topology on the real broker, with exactly-once processing and a poison record in the way. */
class MonitorStreamsAppTest {

    @Test
    void shouldPublishStatusesReadableWithReadCommittedPastAPoisonRecord() throws Exception {
        String bootstrap = SharedInfrastructure.kafkaBootstrapServers();
        String taskKey = "streams-it-" + UUID.randomUUID();
        TaskRunReported failed = Runs.run(taskKey, FAILED, "2026-11-01T01:00:00Z");
        TaskRunReported succeeded = Runs.run(taskKey, SUCCESS, "2026-11-01T02:00:00Z");

        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            byte[] key = Topics.TASK_RUNS.keySerde().serializer().serialize("", failed.monitorId());
            producer.send(new ProducerRecord<>(Topics.TASK_RUNS.name(), key,
                    Topics.TASK_RUNS.valueSerde().serializer().serialize("", failed))).get();
            producer.send(new ProducerRecord<>(Topics.TASK_RUNS.name(), key,
                    "\u0000garbage".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(Topics.TASK_RUNS.name(), key,
                    Topics.TASK_RUNS.valueSerde().serializer().serialize("", succeeded))).get();
        }

        Path stateDir = Path.of(System.getProperty("java.io.tmpdir"), "streams-it-" + UUID.randomUUID());
        MonitorStreamsApp.Settings settings = new MonitorStreamsApp.Settings(
                bootstrap, "streams-it-" + UUID.randomUUID(), stateDir, null);
        Map<UUID, MonitorStatus> latest = new HashMap<>();
        try (MonitorStreamsApp app = new MonitorStreamsApp(settings);
             KafkaConsumer<UUID, MonitorStatus> consumer = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                     ConsumerConfig.GROUP_ID_CONFIG, "streams-it-reader-" + UUID.randomUUID(),
                     ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                     ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                     Topics.MONITOR_STATUS.keySerde().deserializer(),
                     Topics.MONITOR_STATUS.valueSerde().deserializer())) {
            app.start();
            consumer.subscribe(List.of(Topics.MONITOR_STATUS.name()));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> latest.put(r.key(), r.value()));
                assertThat(latest.get(failed.monitorId())).isNotNull();
                assertThat(latest.get(failed.monitorId()).lastEventId()).isEqualTo(succeeded.eventId());
            });
            // The poison record did not stop the app: it is still processing (or moving
            // partitions, which it may do right after creating its internal topics).
            assertThat(app.state()).isIn(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);
        }

        MonitorStatus status = latest.get(failed.monitorId());
        assertThat(status.lastStatus()).isEqualTo(SUCCESS);
        assertThat(status.totalRuns()).isEqualTo(2);
        assertThat(status.totalFailures()).isEqualTo(1);
        assertThat(status.consecutiveFailures()).isZero();
    }
}
