package io.taskmon.projector;

import static io.taskmon.events.RunStatus.FAILED;
import static io.taskmon.events.RunStatus.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskmon.embedded.SharedInfrastructure;
import io.taskmon.events.TaskRunReported;
import io.taskmon.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The consumer loop on the real broker and database. */
class ProjectorTest {

    private static ReadModelDatabase db;

    @BeforeAll
    static void migrate() {
        db = new ReadModelDatabase("projector_test");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void shouldProjectPublishedRunsAndResumeAfterARestartWithoutDoublingRows() throws Exception {
        String bootstrap = SharedInfrastructure.kafkaBootstrapServers();
        String prefix = "proj-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        Projector.Settings settings = new Projector.Settings(bootstrap, "projector-test-" + UUID.randomUUID(), null);

        List<TaskRunReported> firstWave = runs(prefix, 0, 30);
        publish(bootstrap, firstWave);
        try (Projector projector = new Projector(settings, db.jdbi)) {
            projector.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> runsStored(prefix) == 30);
            assertThat(projector.isRunning()).isTrue();
        }

        List<TaskRunReported> secondWave = runs(prefix, 30, 20);
        publish(bootstrap, secondWave);
        try (Projector projector = new Projector(settings, db.jdbi)) {
            projector.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> runsStored(prefix) == 50);
        }

        assertThat(db.count("select count(distinct event_id) from taskmon.task_runs where task_key like '" + prefix + "%'"))
                .isEqualTo(50);
        assertThat(db.count("select count(*) from taskmon.task_runs where task_key like '" + prefix + "%' and status = 'failed'"))
                .isEqualTo(17);
    }

    private static long runsStored(String prefix) {
        return db.count("select count(*) from taskmon.task_runs where task_key like '" + prefix + "%'");
    }

    private static List<TaskRunReported> runs(String prefix, int from, int count) {
        List<TaskRunReported> runs = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            runs.add(Events.run(prefix + (i % 7), null, i % 3 == 0 ? FAILED : SUCCESS,
                    "2026-11-01T02:%02d:00Z".formatted(i)));
        }
        return runs;
    }

    private static void publish(String bootstrap, List<TaskRunReported> runs) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (TaskRunReported run : runs) {
                producer.send(new ProducerRecord<>(Topics.TASK_RUNS.name(),
                        Topics.TASK_RUNS.keySerde().serializer().serialize("", run.monitorId()),
                        Topics.TASK_RUNS.valueSerde().serializer().serialize("", run))).get();
            }
        }
    }
}
