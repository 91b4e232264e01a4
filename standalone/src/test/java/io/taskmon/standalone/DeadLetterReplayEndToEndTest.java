package io.taskmon.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskmon.config.RuntimeEndpoints;
import io.taskmon.events.DeadLetter;
import io.taskmon.events.EventJson;
import io.taskmon.events.MonitorId;
import io.taskmon.events.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * A dead letter end to end, as an operator meets it: the projector stores it, {@code /health}
 * counts it without going DOWN, and {@code ./taskmon dead-letters replay} publishes the original
 * report again, which now becomes a run, and marks the dead letter replayed.
 */
class DeadLetterReplayEndToEndTest {

    private static final String KEY = "dead-letter-key";
    private final HttpClient http = HttpClient.newHttpClient();

    record Result(int exitCode, String out, String err) {
    }

    @Test
    void shouldCountAWaitingDeadLetterAndReplayItIntoARunOnlyOnceUnlessAskedAgain() throws Exception {
        StandaloneSettings settings = TestHomes.settings("dead-letters-home", KEY,
                "TASKMON_HTTP_THREADS", "1", "TASKMON_STREAM_THREADS", "1", "TASKMON_PARTITIONS", "2");
        Map<String, String> env = Map.of("TASKMON_HOME", settings.home().toString());
        UUID monitorId = MonitorId.of("replayed_import", "shell", "");
        UUID eventId = UUID.randomUUID();
        // A valid report that a since-fixed bug once refused.
        String report = """
                {"schema_version":1,"event_id":"%s","monitor_id":"%s","task_key":"replayed_import",
                 "task_name":"Replayed import","kind":"shell","status":"success","received_at":"2026-11-07T02:00:00Z",
                 "finished_at":"2026-11-07T02:00:00Z"}""".formatted(eventId, monitorId);

        try (StandaloneRuntime runtime = StandaloneRuntime.start(settings, (key, path) -> { })) {
            assertThat(runtime.awaitHealthy(Duration.ofSeconds(90))).as("down: %s", runtime.downComponents()).isTrue();
            JsonNode healthy = health(runtime.baseUrl());
            assertThat(healthy.get("dead_letters").get("waiting").asLong()).isZero();
            assertThat(healthy.get("dead_letters").has("latest_at")).isFalse();

            publishDeadLetter(RuntimeEndpoints.readFrom(settings.home()).orElseThrow().kafkaBootstrapServers(),
                    monitorId, report);
            await().atMost(Duration.ofSeconds(30)).until(() -> health(runtime.baseUrl()).get("dead_letters")
                    .get("waiting").asLong() == 1);
            JsonNode withDeadLetter = health(runtime.baseUrl());
            assertThat(withDeadLetter.get("status").asText()).as("information, not an outage").isEqualTo("UP");
            assertThat(withDeadLetter.get("dead_letters").get("latest_at").asText()).isEqualTo("2026-11-07T02:00:01Z");
            long id = query(runtime.jdbcUrl(), "select id from taskmon.dead_letters");

            Result listed = run(env, "list");
            assertThat(listed.exitCode()).isZero();
            assertThat(listed.out()).startsWith("1 dead letter waits for replay; the newest failed at 2026-11-07T02:00:01Z.")
                    .contains(id + " ", "monitor-streams", "taskmon.task-runs.v1-1@42", "waiting", "refused by a bug");

            Result dryRun = run(env, "replay", "--id", String.valueOf(id), "--dry-run");
            assertThat(dryRun.exitCode()).isZero();
            assertThat(dryRun.out()).contains("would replay dead letter " + id, "nothing was published or changed");
            assertThat(query(runtime.jdbcUrl(), "select count(*) from taskmon.dead_letters where replayed_at is null"))
                    .isEqualTo(1);

            Result replayed = run(env, "replay", "--id", String.valueOf(id));
            assertThat(replayed.exitCode()).as(replayed.err()).isZero();
            assertThat(replayed.out()).contains("replayed dead letter " + id, "replayed 1 dead letter");
            await().atMost(Duration.ofSeconds(30)).until(() -> query(runtime.jdbcUrl(),
                    "select count(*) from taskmon.task_runs where event_id = '" + eventId + "'") == 1);
            assertThat(query(runtime.jdbcUrl(), "select count(*) from taskmon.dead_letters where replayed_at is not null"))
                    .isEqualTo(1);
            await().atMost(Duration.ofSeconds(30)).until(() -> query(runtime.jdbcUrl(),
                    "select total_runs from taskmon.task_monitors where id = '" + monitorId + "'") == 1);
            assertThat(health(runtime.baseUrl()).get("dead_letters").get("waiting").asLong()).isZero();

            Result again = run(env, "replay", "--id", String.valueOf(id));
            assertThat(again.exitCode()).isEqualTo(2);
            assertThat(again.err().lines()).singleElement().asString()
                    .startsWith("taskmon dead-letters: dead letter " + id + " was replayed already at ")
                    .endsWith("; add --again to replay it once more");
            assertThat(run(env, "replay", "--all").out()).isEqualTo("No dead letter waits for replay.\n");

            assertOneSentence(run(env, "replay", "--id", "999999"),
                    "taskmon dead-letters: there is no dead letter 999999; ./taskmon dead-letters list shows them");
            String replayedAtSql = "select (extract(epoch from replayed_at) * 1000000)::bigint from taskmon.dead_letters";
            long firstReplay = query(runtime.jdbcUrl(), replayedAtSql);
            Result replayedAgain = run(env, "replay", "--id", String.valueOf(id), "--again");
            assertThat(replayedAgain.exitCode()).as(replayedAgain.err()).isZero();
            assertThat(query(runtime.jdbcUrl(), replayedAtSql)).isGreaterThan(firstReplay);
        }
    }

    @Test
    void shouldAnswerBadArgumentsAndUnreachableServersWithOneSentenceAndExitCode2() throws Exception {
        Map<String, String> nowhere = Map.of("TASKMON_HOME", java.nio.file.Files.createTempDirectory("dl").toString());
        assertOneSentence(run(nowhere, "frobnicate"),
                "taskmon dead-letters: unknown dead-letters command 'frobnicate'; the commands are list and replay");
        assertOneSentence(run(nowhere, "replay"),
                "taskmon dead-letters: replay needs the dead letters to replay: --id N (one or more) or --all");
        assertOneSentence(run(nowhere, "replay", "--id", "7", "--all"),
                "taskmon dead-letters: replay takes either --id or --all, not both");
        assertOneSentence(run(nowhere, "replay", "--id", "seven"),
                "taskmon dead-letters: --id must be a whole number, got 'seven'");
        assertOneSentence(run(nowhere, "replay", "--all", "--force"), "taskmon dead-letters: unknown option --force");
        assertOneSentence(run(nowhere, "list", "--limit", "0"),
                "taskmon dead-letters: --limit must be a whole number from 1 to 1000, got 0");
        assertOneSentence(run(nowhere, "list"), "taskmon dead-letters: no taskmon is running with TASKMON_HOME="
                + java.nio.file.Path.of(nowhere.get("TASKMON_HOME")).toAbsolutePath().normalize()
                + "; start it with ./taskmon up, or set PG_URL (and KAFKA_BOOTSTRAP_SERVERS to replay)");

        Map<String, String> unreachable = new HashMap<>(nowhere);
        unreachable.put("PG_URL", "jdbc:postgresql://127.0.0.1:1/taskmon");
        Result noDatabase = run(unreachable, "list");
        assertThat(noDatabase.exitCode()).isEqualTo(2);
        assertThat(noDatabase.err().lines()).singleElement().asString()
                .startsWith("taskmon dead-letters: cannot reach PostgreSQL at jdbc:postgresql://127.0.0.1:1/taskmon: ");
    }

    private static void assertOneSentence(Result result, String sentence) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.err()).isEqualTo(sentence + "\n");
        assertThat(result.out()).isEmpty();
    }

    private static Result run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new DeadLetterCommand(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(List.of(args));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** As monitor-streams writes one: the original key and value, and where it was read. */
    private static void publishDeadLetter(String bootstrap, UUID monitorId, String report) throws Exception {
        byte[] raw = report.getBytes(StandardCharsets.UTF_8);
        DeadLetter letter = new DeadLetter(DeadLetter.SCHEMA_VERSION, Topics.TASK_RUNS.name(), 1, 42, "monitor-streams",
                "refused by a bug", report, Base64.getEncoder().encodeToString(raw),
                Instant.parse("2026-11-07T02:00:01Z"));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.DEAD_LETTER.name(),
                    Topics.TASK_RUNS.keySerde().serializer().serialize("", monitorId),
                    Topics.DEAD_LETTER.valueSerde().serializer().serialize("", letter))).get();
        }
    }

    private JsonNode health(URI base) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve("/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        return EventJson.mapper().readTree(answer.body());
    }

    private static long query(String jdbcUrl, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             ResultSet rows = connection.createStatement().executeQuery(sql)) {
            return rows.next() ? rows.getLong(1) : -1;
        }
    }
}
