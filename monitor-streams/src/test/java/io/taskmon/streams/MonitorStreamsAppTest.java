package io.taskmon.streams;

import static io.taskmon.events.RunStatus.FAILED;
import static io.taskmon.events.RunStatus.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.taskmon.embedded.SharedInfrastructure;
import io.taskmon.events.Alert;
import io.taskmon.events.AlertType;
import io.taskmon.events.DeadLetter;
import io.taskmon.events.MonitorStatus;
import io.taskmon.events.RunStatus;
import io.taskmon.events.TaskRunReported;
import io.taskmon.events.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The topology on the real broker: exactly-once across a restart, two instances, a poison record. */
class MonitorStreamsAppTest {

    private static final Instant BASE = Instant.parse("2026-11-01T00:00:00Z");

    private final List<MonitorStreamsApp> running = new ArrayList<>();
    private KafkaProducer<byte[], byte[]> producer;
    private CommittedReader<UUID, Alert> alerts;
    private CommittedReader<UUID, MonitorStatus> statuses;

    @BeforeEach
    void connect() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
        alerts = new CommittedReader<>(Topics.ALERTS);
        statuses = new CommittedReader<>(Topics.MONITOR_STATUS);
    }

    @AfterEach
    void disconnect() {
        running.forEach(MonitorStreamsApp::close);
        producer.close();
        alerts.close();
        statuses.close();
    }

    private MonitorStreamsApp start(String applicationId, String instance) {
        return startIn(applicationId,
                Path.of("target", "streams-it", applicationId + "-" + instance + "-" + UUID.randomUUID()));
    }

    private MonitorStreamsApp startIn(String applicationId, Path stateDir) {
        MonitorStreamsApp app = new MonitorStreamsApp(new MonitorStreamsApp.Settings(
                SharedInfrastructure.kafkaBootstrapServers(), applicationId, stateDir, null));
        running.add(app);
        app.start();
        return app;
    }

    private void stop(MonitorStreamsApp app) {
        app.close();
        running.remove(app);
    }

    private void send(TaskRunReported run) {
        byte[] key = Topics.TASK_RUNS.keySerde().serializer().serialize("", run.monitorId());
        producer.send(new ProducerRecord<>(Topics.TASK_RUNS.name(), key,
                Topics.TASK_RUNS.valueSerde().serializer().serialize("", run)));
    }

    /** Run {@code step} (0-based) of every monitor: the hour of the day is the step, so steps are in order. */
    private void sendStep(List<String> taskKeys, int step, RunStatus status) {
        for (String taskKey : taskKeys) {
            send(Runs.run(taskKey, status, BASE.plus(Duration.ofHours(step)).toString()));
        }
        producer.flush();
    }

    private static List<String> taskKeys(String prefix, int count) {
        String run = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            keys.add(run + "-" + i);
        }
        return keys;
    }

    private static Set<UUID> monitorIds(List<String> taskKeys) {
        return taskKeys.stream().map(k -> Runs.run(k, SUCCESS, BASE.toString()).monitorId())
                .collect(Collectors.toSet());
    }

    /** The latest committed status of each of {@code monitors} published after {@code from}. */
    private Map<UUID, MonitorStatus> latestStatuses(Map<TopicPartition, Long> from, Set<UUID> monitors) {
        Map<UUID, MonitorStatus> latest = new HashMap<>();
        statuses.read(from, monitors::contains).forEach(r -> latest.put(r.key(), r.value()));
        return latest;
    }

    private void awaitTotalRuns(Map<TopicPartition, Long> from, Set<UUID> monitors, long runs) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<UUID, MonitorStatus> latest = latestStatuses(from, monitors);
            assertThat(latest).hasSize(monitors.size());
            assertThat(latest.values()).allSatisfy(s -> assertThat(s.totalRuns()).isEqualTo(runs));
        });
    }

    @Test
    void shouldPublishEveryAlertExactlyOnceAcrossAStopAndRestartInTheMiddleOfTheStream() {
        List<String> keys = taskKeys("restart", 100);
        Set<UUID> monitors = monitorIds(keys);
        String applicationId = "streams-restart-" + UUID.randomUUID();
        Map<TopicPartition, Long> alertsBefore = alerts.endOffsets();
        Map<TopicPartition, Long> statusesBefore = statuses.endOffsets();

        // Per monitor: F F F S F | F F S -> FAILING, RECOVERED, FAILING, RECOVERED.
        sendStep(keys, 0, FAILED);
        sendStep(keys, 1, FAILED);
        sendStep(keys, 2, FAILED);
        sendStep(keys, 3, SUCCESS);
        sendStep(keys, 4, FAILED);
        MonitorStreamsApp first = start(applicationId, "first");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> !alerts.read(alertsBefore, monitors::contains).isEmpty());
        stop(first);

        sendStep(keys, 5, FAILED);
        sendStep(keys, 6, FAILED);
        sendStep(keys, 7, SUCCESS);
        // A new state folder: the second instance rebuilds its stores from their changelogs.
        start(applicationId, "second");
        awaitTotalRuns(statusesBefore, monitors, 8);

        List<ConsumerRecord<UUID, Alert>> published = alerts.read(alertsBefore, monitors::contains);
        Set<UUID> expected = new HashSet<>();
        for (UUID monitor : monitors) {
            expected.add(AlertIds.of(monitor, AlertType.FAILING, BASE, 0));
            expected.add(AlertIds.of(monitor, AlertType.RECOVERED, BASE, 0));
            expected.add(AlertIds.of(monitor, AlertType.FAILING, BASE.plus(Duration.ofHours(4)), 0));
            expected.add(AlertIds.of(monitor, AlertType.RECOVERED, BASE.plus(Duration.ofHours(4)), 0));
        }
        List<UUID> ids = published.stream().map(r -> r.value().alertId()).toList();
        assertThat(ids).hasSize(4 * monitors.size()).doesNotHaveDuplicates();
        assertThat(new HashSet<>(ids)).isEqualTo(expected);
        assertThat(latestStatuses(statusesBefore, monitors).values()).allSatisfy(s -> {
            assertThat(s.totalFailures()).isEqualTo(6);
            assertThat(s.consecutiveFailures()).isZero();
            assertThat(s.openAlertId()).isNull();
        });
    }

    /**
     * A clean stop and a start on the same state folder keep every monitor task's local stores,
     * including the tasks of partitions no run has reached: RocksDB writes a new IDENTITY file
     * whenever a store is created, so a task that was wiped and rebuilt shows a different one.
     * Nothing is restored from a changelog: the restore listener counts no record for any store.
     */
    @Test
    void shouldKeepEveryMonitorTasksStoresAcrossACleanRestart() throws Exception {
        String applicationId = "streams-warm-restart-" + UUID.randomUUID();
        Path stateDir = Path.of("target", "streams-it", applicationId);
        // One monitor: its runs reach one partition, the other monitor tasks see none.
        List<String> keys = taskKeys("warm", 1);
        Set<UUID> monitors = monitorIds(keys);
        Map<TopicPartition, Long> statusesBefore = statuses.endOffsets();

        MonitorStreamsApp first = startIn(applicationId, stateDir);
        sendStep(keys, 0, SUCCESS);
        awaitTotalRuns(statusesBefore, monitors, 1);
        // Every monitor task has written its event id store once (its marker, or the run's id).
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(monitorTaskDirs(stateDir)).hasSize(SharedInfrastructure.TEST_PARTITIONS)
                        .allSatisfy(task -> assertThat(eventIdSegments(task)).isNotEmpty()));
        stop(first);
        Map<Path, String> before = storeIdentities(stateDir);
        assertThat(before).hasSize(SharedInfrastructure.TEST_PARTITIONS);

        MonitorStreamsApp second = startIn(applicationId, stateDir);
        sendStep(keys, 1, FAILED);
        awaitTotalRuns(statusesBefore, monitors, 2);
        assertThat(second.recordsRestoredSinceStart()).as("records restored from changelogs after a clean stop")
                .isEmpty();
        stop(second);

        assertThat(storeIdentities(stateDir)).isEqualTo(before);
    }

    /** The task folders holding the monitor stores, one per partition of the task runs topic. */
    private static List<Path> monitorTaskDirs(Path stateDir) throws IOException {
        // Streams keeps its tasks in a folder named after the application, inside the state folder.
        Path app;
        try (var apps = Files.list(stateDir)) {
            app = apps.filter(Files::isDirectory).findFirst().orElse(stateDir);
        }
        try (var tasks = Files.list(app)) {
            return tasks.filter(t -> Files.isDirectory(t.resolve(MonitorStatusTopology.EVENT_IDS_STORE)))
                    .sorted().toList();
        }
    }

    private static List<Path> eventIdSegments(Path taskDir) throws IOException {
        try (var segments = Files.list(taskDir.resolve(MonitorStatusTopology.EVENT_IDS_STORE))) {
            return segments.toList();
        }
    }

    /** Each monitor task's overrides store, by the IDENTITY RocksDB gave it when it was created. */
    private static Map<Path, String> storeIdentities(Path stateDir) throws IOException {
        Map<Path, String> identities = new HashMap<>();
        for (Path task : monitorTaskDirs(stateDir)) {
            identities.put(task.getFileName(), Files.readString(
                    task.resolve("rocksdb").resolve(MonitorStatusTopology.OVERRIDES_STORE).resolve("IDENTITY")));
        }
        return identities;
    }

    @Test
    void shouldGiveTheSameResultsWithTwoInstancesSplittingThePartitionsAsWithOne() {
        List<String> keys = taskKeys("split", 60);
        Set<UUID> monitors = monitorIds(keys);
        // Per monitor: F F F S F F F -> FAILING, RECOVERED, FAILING.
        RunStatus[] steps = {FAILED, FAILED, FAILED, SUCCESS, FAILED, FAILED, FAILED};
        for (int step = 0; step < steps.length; step++) {
            sendStep(keys, step, steps[step]);
        }

        Map<TopicPartition, Long> alertsBeforeOne = alerts.endOffsets();
        Map<TopicPartition, Long> statusesBeforeOne = statuses.endOffsets();
        MonitorStreamsApp alone = start("streams-one-" + UUID.randomUUID(), "alone");
        awaitTotalRuns(statusesBeforeOne, monitors, steps.length);
        stop(alone);
        Map<UUID, MonitorStatus> statusesOfOne = latestStatuses(statusesBeforeOne, monitors);
        List<ConsumerRecord<UUID, Alert>> alertsOfOne = alerts.read(alertsBeforeOne, monitors::contains);

        Map<TopicPartition, Long> alertsBeforeTwo = alerts.endOffsets();
        Map<TopicPartition, Long> statusesBeforeTwo = statuses.endOffsets();
        String pair = "streams-two-" + UUID.randomUUID();
        MonitorStreamsApp a = start(pair, "a");
        MonitorStreamsApp b = start(pair, "b");
        awaitTotalRuns(statusesBeforeTwo, monitors, steps.length);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(a.state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(b.state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(a.activeTaskCount()).isPositive();
            assertThat(b.activeTaskCount()).isPositive();
            assertThat(a.activeTaskCount() + b.activeTaskCount()).isEqualTo(2 * SharedInfrastructure.TEST_PARTITIONS);
        });
        Map<UUID, MonitorStatus> statusesOfTwo = latestStatuses(statusesBeforeTwo, monitors);
        List<ConsumerRecord<UUID, Alert>> alertsOfTwo = alerts.read(alertsBeforeTwo, monitors::contains);

        assertThat(alertsOfOne).hasSize(3 * monitors.size());
        assertThat(alertsOfTwo).extracting(r -> r.key(), r -> r.value().alertId(), r -> r.value().type())
                .containsExactlyInAnyOrderElementsOf(alertsOfOne.stream()
                        .map(r -> tuple(r.key(), r.value().alertId(), r.value().type()))
                        .toList());
        assertThat(statusesOfTwo.keySet()).isEqualTo(statusesOfOne.keySet());
        // Alert times are wall-clock times of each run; everything else must be the same.
        statusesOfOne.forEach((monitor, one) -> assertThat(statusesOfTwo.get(monitor))
                .usingRecursiveComparison().ignoringFields("lastAlertAt").isEqualTo(one));
    }

    @Test
    void shouldSendAPoisonRecordToTheDeadLetterTopicAndKeepProcessing() throws Exception {
        String taskKey = "streams-poison-" + UUID.randomUUID();
        TaskRunReported failed = Runs.run(taskKey, FAILED, "2026-11-01T01:00:00Z");
        TaskRunReported succeeded = Runs.run(taskKey, SUCCESS, "2026-11-01T02:00:00Z");
        byte[] key = Topics.TASK_RUNS.keySerde().serializer().serialize("", failed.monitorId());
        byte[] garbage = "\u0000garbage".getBytes(StandardCharsets.UTF_8);

        send(failed);
        producer.send(new ProducerRecord<>(Topics.TASK_RUNS.name(), key, garbage)).get();
        send(succeeded);
        producer.flush();

        try (CommittedReader<byte[], DeadLetter> deadLetters = new CommittedReader<>(Topics.DEAD_LETTER)) {
            MonitorStreamsApp app = start("streams-poison-" + UUID.randomUUID(), "only");
            Set<UUID> monitor = Set.of(failed.monitorId());
            awaitTotalRuns(null, monitor, 2);
            MonitorStatus status = latestStatuses(null, monitor).get(failed.monitorId());
            assertThat(status.lastEventId()).isEqualTo(succeeded.eventId());
            assertThat(status.totalFailures()).isEqualTo(1);

            List<ConsumerRecord<byte[], DeadLetter>> letters =
                    deadLetters.read(null, k -> k != null && Arrays.equals(k, key));
            assertThat(letters).hasSize(1);
            DeadLetter letter = letters.get(0).value();
            assertThat(letter.sourceTopic()).isEqualTo(Topics.TASK_RUNS.name());
            assertThat(letter.rawValueBase64())
                    .isEqualTo(Base64.getEncoder().encodeToString(garbage));
            assertThat(letter.reason()).startsWith("cannot read TaskRunReported");
            assertThat(app.state()).isIn(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);
        }
    }
}
