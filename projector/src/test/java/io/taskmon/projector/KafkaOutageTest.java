package io.taskmon.projector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskmon.embedded.EmbeddedKafkaBroker;
import io.taskmon.embedded.TopicProvisioner;
import io.taskmon.events.RunStatus;
import io.taskmon.events.TaskRunReported;
import io.taskmon.events.Topics;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The broker stops under a running projector (a broker of this test's own): the projector says
 * so in its log, keeps the database as it was, and after the broker is back it goes on from the
 * offsets in the database, skipping nothing.
 */
class KafkaOutageTest {

    private static ReadModelDatabase db;

    @BeforeAll
    static void migrate() {
        db = new ReadModelDatabase("kafka_outage_test");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void shouldReportKafkaDownAndResumeFromTheStoredOffsetsWhenItIsBack() throws Exception {
        Path dir = Path.of("target", "outage-kafka-" + UUID.randomUUID()).toAbsolutePath();
        int port = freePort();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, port);
        String prefix = "kafka-outage-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        try (ProjectorLog log = new ProjectorLog()) {
            String bootstrap = broker.bootstrapServers();
            TopicProvisioner.ensureTopics(bootstrap, Topics.ALL, 2);
            try (Publisher publisher = new Publisher(bootstrap)) {
                publisher.sendAll(Topics.TASK_RUNS, runs(prefix, 0, 30));
            }
            try (Projector projector = new Projector(new Projector.Settings(bootstrap, "kafka-outage", null), db.jdbi)) {
                projector.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> stored(prefix) == 30);

                broker.close();
                await().atMost(Duration.ofSeconds(60)).until(() -> log.contains("cannot reach Kafka"));
                assertThat(projector.isRunning()).isFalse();
                assertThat(stored(prefix)).isEqualTo(30);

                broker = EmbeddedKafkaBroker.start(dir, port);
                try (Publisher publisher = new Publisher(bootstrap)) {
                    publisher.sendAll(Topics.TASK_RUNS, runs(prefix, 30, 30));
                }
                await().atMost(Duration.ofSeconds(90)).until(() -> stored(prefix) == 60);
                await().atMost(Duration.ofSeconds(30)).until(projector::isRunning);
                assertThat(log.contains("reaches Kafka at " + bootstrap + " again")).isTrue();
            }
        } finally {
            broker.close();
        }
    }

    private static List<Map.Entry<UUID, TaskRunReported>> runs(String prefix, int from, int count) {
        List<Map.Entry<UUID, TaskRunReported>> runs = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            TaskRunReported run = Events.run(prefix + (i % 4), null, RunStatus.SUCCESS,
                    "2026-11-05T03:%02d:00Z".formatted(i % 60));
            runs.add(Map.entry(run.monitorId(), run));
        }
        return runs;
    }

    private static long stored(String prefix) {
        return db.count("select count(*) from taskmon.task_runs where task_key like '" + prefix + "%'");
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
