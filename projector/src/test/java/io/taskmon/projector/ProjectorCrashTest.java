package io.taskmon.projector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskmon.embedded.SharedInfrastructure;
import io.taskmon.events.MonitorId;
import io.taskmon.events.RunStatus;
import io.taskmon.events.TaskRunReported;
import io.taskmon.events.Topics;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * Exactly once across real crashes: a projector in its own JVM is killed with SIGKILL while a
 * batch transaction is open, again and again, over a stream of 100,000 run events; the restarted
 * one resumes from the offsets committed with the rows.
 */
class ProjectorCrashTest {

    private static final int EVENTS = 100_000;
    private static final int KILLS = 6;
    private static ReadModelDatabase db;

    @BeforeAll
    static void migrate() {
        db = new ReadModelDatabase("crash_test");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void shouldHoldExactlyTheEventsSentAfterBeingKilledInTheMiddleOfBatchesManyTimes() throws Exception {
        String bootstrap = SharedInfrastructure.kafkaBootstrapServers();
        String prefix = "crash-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<UUID> sent = publish(bootstrap, prefix);
        String group = "crash-test-" + UUID.randomUUID();
        Path logs = Files.createDirectories(Path.of("target", "crash-test"));

        int killedInTransaction = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Process process = startProjector(bootstrap, group, logs.resolve("projector-" + kill + ".log"));
            try {
                long before = stored(prefix);
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20))
                        .until(() -> stored(prefix) > before);
                // Kill while a batch transaction of the projector is open: rows written, offsets not yet committed.
                AtomicReference<Boolean> open = new AtomicReference<>(false);
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(2)).until(() -> {
                    open.set(transactionOpen());
                    return open.get() || stored(prefix) == EVENTS;
                });
                process.destroyForcibly();
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
                if (open.get()) {
                    killedInTransaction++;
                }
            } finally {
                process.destroyForcibly();
            }
        }

        Process last = startProjector(bootstrap, group, logs.resolve("projector-last.log"));
        try {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> stored(prefix) == EVENTS);
        } finally {
            last.destroyForcibly();
            last.waitFor(30, TimeUnit.SECONDS);
        }

        assertThat(killedInTransaction).as("kills that hit an open batch transaction").isGreaterThanOrEqualTo(KILLS / 2);
        assertThat(stored(prefix)).isEqualTo(EVENTS);
        assertThat(exactlyTheSentEvents(sent, prefix)).isTrue();
    }

    private static long stored(String prefix) {
        return db.count("select count(*) from taskmon.task_runs where task_key like '" + prefix + "%'");
    }

    /** Another session (the projector's) is inside a transaction on the test database right now. */
    private static boolean transactionOpen() {
        return db.count("""
                select count(*) from pg_stat_activity
                 where datname = current_database() and pid <> pg_backend_pid()
                   and backend_type = 'client backend' and xact_start is not null
                """) > 0;
    }

    /** Every sent event id is stored once and nothing else is stored under the prefix. */
    private static boolean exactlyTheSentEvents(List<UUID> sent, String prefix) throws Exception {
        return db.jdbi.withHandle(handle -> {
            handle.execute("create temp table sent_events (event_id uuid primary key)");
            StringBuilder text = new StringBuilder();
            sent.forEach(id -> text.append(id).append('\n'));
            handle.getConnection().unwrap(PGConnection.class).getCopyAPI().copyIn("copy sent_events from stdin",
                    new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)));
            long differences = handle.createQuery("""
                    select count(*) from sent_events s
                      full join (select event_id from taskmon.task_runs where task_key like :prefix) r
                        on r.event_id = s.event_id
                     where s.event_id is null or r.event_id is null
                    """).bind("prefix", prefix + "%").mapTo(Long.class).one();
            return differences == 0;
        });
    }

    private static Process startProjector(String bootstrap, String group, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ProjectorProcess.class.getName(), bootstrap, db.endpoint.jdbcUrl(), db.endpoint.user(),
                db.endpoint.password(), group, "1000")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static List<UUID> publish(String bootstrap, String prefix) throws Exception {
        List<UUID> sent = new ArrayList<>(EVENTS);
        Random random = new Random(5);
        Instant at = Instant.parse("2026-11-03T00:00:00Z");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 10), new ByteArraySerializer(), new ByteArraySerializer())) {
            List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                String taskKey = prefix + (i % 500);
                UUID eventId = new UUID(random.nextLong(), random.nextLong());
                TaskRunReported run = new TaskRunReported(TaskRunReported.SCHEMA_VERSION, eventId, eventId.toString(),
                        MonitorId.of(taskKey, "shell", ""), taskKey, "crash " + i, "shell", null,
                        i % 7 == 0 ? RunStatus.FAILED : RunStatus.SUCCESS, at, at.plusSeconds(i), (long) i * 1000, 0,
                        null, null, at.plusSeconds(i + 1), null, null, null, null, null, null, null);
                acks.add(producer.send(new ProducerRecord<>(Topics.TASK_RUNS.name(),
                        Topics.TASK_RUNS.keySerde().serializer().serialize("", run.monitorId()),
                        Topics.TASK_RUNS.valueSerde().serializer().serialize("", run))));
                sent.add(eventId);
            }
            for (java.util.concurrent.Future<?> ack : acks) {
                ack.get(60, TimeUnit.SECONDS);
            }
        }
        return sent;
    }
}
