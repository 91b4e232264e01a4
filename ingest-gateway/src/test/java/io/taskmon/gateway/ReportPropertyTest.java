package io.taskmon.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.taskmon.embedded.SharedInfrastructure;
import io.taskmon.events.EventJson;
import io.taskmon.events.MonitorId;
import io.taskmon.events.TaskRunReported;
import io.taskmon.events.Topics;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

/**
 * Thousands of random and mutated report bodies, from a fixed seed so a failure can be replayed.
 * Each must be answered 200 or 400, never 5xx; a 200 only for a body that keeps every rule of
 * the contract ({@link ContractRules}, written apart from the parser), a 400 only for one that
 * breaks a rule; and every accepted report must be in Kafka as sent.
 */
class ReportPropertyTest {

    private static final long SEED = 20_261_123L;
    private static final int BODIES = 3_000;
    private static final String KEY = "property-key";
    private static final String[] FIELDS = {
        "task_key", "task_name", "kind", "status", "started_at", "finished_at", "duration_ms", "exit_code",
        "message", "log_url", "machine_name", "event_id", "run_id", "records_processed", "records_failed",
        "attempt", "max_attempts", "external_id", "labels", "alert_after_failures"};
    private static final String[] REQUIRED = {"task_key", "task_name", "kind", "status"};

    private final Random random = new Random(SEED);
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    private record Outcome(byte[] body, int status, JsonNode answer) {
    }

    @Test
    void shouldNeverAnswer5xxNorAcceptAReportThatBreaksARule() throws Exception {
        String bootstrap = SharedInfrastructure.kafkaBootstrapServers();
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < BODIES; i++) {
            bodies.add(body(i).getBytes(StandardCharsets.UTF_8));
        }
        List<Outcome> outcomes;
        try (EmbeddedServer server = GatewayServer.start(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                "TASKMON_INGEST_KEYS", KEY))) {
            outcomes = sendAll(server, bodies);
        }

        Map<UUID, byte[]> accepted = new HashMap<>();
        int rejected = 0;
        for (Outcome outcome : outcomes) {
            String body = new String(outcome.body(), StandardCharsets.UTF_8);
            String shown = body.length() > 300 ? body.substring(0, 300) + "..." : body;
            String violation = ContractRules.violation(outcome.body());
            assertThat(outcome.status()).as("answer to %s", shown).isIn(200, 400);
            if (outcome.status() == 200) {
                assertThat(violation).as("accepted although it breaks a rule: %s", shown).isNull();
                accepted.put(UUID.fromString(outcome.answer().get("event_id").asText()), outcome.body());
            } else {
                assertThat(violation).as("refused (%s) although it keeps every rule: %s",
                        outcome.answer().path("error").asText(), shown).isNotNull();
                assertThat(outcome.answer().get("error").asText()).isNotBlank();
                rejected++;
            }
        }
        // The generator must exercise both sides, or the checks above prove little.
        assertThat(accepted.size()).isGreaterThan(BODIES / 5);
        assertThat(rejected).isGreaterThan(BODIES / 5);

        assertPublishedAsSent(bootstrap, accepted);
    }

    private List<Outcome> sendAll(EmbeddedServer server, List<byte[]> bodies) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Semaphore inFlight = new Semaphore(16);
        List<CompletableFuture<Outcome>> answers = new ArrayList<>();
        for (byte[] body : bodies) {
            inFlight.acquire();
            HttpRequest request = HttpRequest.newBuilder(server.getURI().resolve("/api/monitor/report"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + KEY)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                    .whenComplete((response, error) -> inFlight.release())
                    .thenApply(response -> new Outcome(body, response.statusCode(), readAnswer(response.body()))));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (CompletableFuture<Outcome> answer : answers) {
            outcomes.add(answer.get());
        }
        return outcomes;
    }

    private static JsonNode readAnswer(String text) {
        try {
            return EventJson.mapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError("the gateway answered something that is not JSON: " + text, e);
        }
    }

    private static void assertPublishedAsSent(String bootstrap, Map<UUID, byte[]> accepted) {
        Map<UUID, TaskRunReported> published = new HashMap<>();
        try (KafkaConsumer<UUID, TaskRunReported> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "property-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                Topics.TASK_RUNS.keySerde().deserializer(), Topics.TASK_RUNS.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.TASK_RUNS.name()));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                    if (accepted.containsKey(r.value().eventId())) {
                        published.put(r.value().eventId(), r.value());
                    }
                });
                return published.keySet().containsAll(accepted.keySet());
            });
        }
        accepted.forEach((eventId, body) -> {
            JsonNode sent = ContractRules.read(body);
            TaskRunReported run = published.get(eventId);
            String machine = sent.path("machine_name").isTextual() && !sent.get("machine_name").textValue().isBlank()
                    ? sent.get("machine_name").textValue() : null;
            assertThat(run.taskKey()).isEqualTo(sent.get("task_key").textValue());
            assertThat(run.taskName()).isEqualTo(sent.get("task_name").textValue());
            assertThat(run.status().wireName()).isEqualTo(sent.get("status").textValue());
            assertThat(run.machineName()).isEqualTo(machine);
            assertThat(run.monitorId()).isEqualTo(MonitorId.of(run.taskKey(), run.kind(), machine));
            assertThat(run.labels()).hasSize(sent.path("labels").size());
            if (run.message() != null) {
                assertThat(run.message().getBytes(StandardCharsets.UTF_8).length)
                        .isLessThanOrEqualTo(MessageTruncation.MESSAGE_MAX_BYTES);
            }
        });
    }

    // ---- the generator -------------------------------------------------------------------

    private String body(int i) {
        int strategy = random.nextInt(100);
        ObjectNode report = validReport(i);
        if (strategy < 30) {
            return report.toString();
        }
        if (strategy < 70) {
            int mutations = 1 + random.nextInt(2);
            for (int m = 0; m < mutations; m++) {
                String field = pick(FIELDS);
                report.set(field, random.nextBoolean() ? edgeValue(field) : anyValue());
            }
            return report.toString();
        }
        if (strategy < 78) {
            report.remove(pick(REQUIRED));
            return report.toString();
        }
        if (strategy < 95) {
            return mutateText(report.toString());
        }
        return pick(new String[] {"", " ", "null", "[]", "[{}]", "42", "\"report\"", "{}", "{\"task_key\":\"k\"}",
            "{\"task_key\":\"k\",\"task_name\":\"n\",\"kind\":\"shell\",\"status\":\"success\"} {}",
            "{".repeat(2000), "\u0000", "{\"task_key\":\"k\" \"task_name\":\"n\"}"});
    }

    private ObjectNode validReport(int i) {
        ObjectNode report = nodes.objectNode();
        report.put("task_key", pick(new String[] {"nightly_import", "daily-sync", "A.b:c", "9", "k"}) + "_" + i);
        report.put("task_name", pick(new String[] {"ナイトリー取込", "日次同期", "稅籍匯入", "backup", "x".repeat(200),
            "名".repeat(200), "😀".repeat(100)}));
        report.put("kind", pick(new String[] {"python", "bat", "shell", "etl", "celery", "a", "k8s_job-2"}));
        report.put("status", pick(new String[] {"success", "failed", "running", "pending"}));
        Instant started = Instant.parse("2026-01-22T09:00:00Z").plusSeconds(random.nextInt(100_000));
        if (random.nextBoolean()) {
            report.put("started_at", pick(new String[] {started.toString(), started.atOffset(java.time.ZoneOffset.ofHours(9)).toString(),
                started.toString().replace("Z", "")}));
            if (random.nextBoolean()) {
                report.put("finished_at", started.plusMillis(random.nextInt(1_000_000)).toString());
            }
        }
        maybe(report, "exit_code", () -> nodes.numberNode(random.nextInt(512) - 256));
        maybe(report, "duration_ms", () -> nodes.numberNode((long) random.nextInt(Integer.MAX_VALUE)));
        maybe(report, "message", () -> nodes.textNode(randomText(random.nextInt(3) == 0 ? 20_000 : 40)));
        maybe(report, "machine_name", () -> random.nextBoolean() ? nodes.nullNode() : nodes.textNode("PC-" + random.nextInt(9)));
        maybe(report, "log_url", () -> nodes.textNode("C:\\Logs\\job-" + i + ".log"));
        maybe(report, "event_id", () -> nodes.textNode(randomUuid()));
        maybe(report, "run_id", () -> nodes.textNode("run-" + random.nextInt(1000)));
        maybe(report, "records_processed", () -> nodes.numberNode((long) random.nextInt(3_000_000)));
        maybe(report, "records_failed", () -> nodes.numberNode(random.nextInt(100)));
        if (random.nextBoolean()) {
            int max = 1 + random.nextInt(5);
            report.put("max_attempts", max);
            report.put("attempt", random.nextInt(max + 1));
        }
        maybe(report, "external_id", () -> nodes.textNode("celery-" + randomUuid()));
        maybe(report, "labels", () -> {
            ObjectNode labels = nodes.objectNode();
            int count = random.nextInt(17);
            for (int l = 0; l < count; l++) {
                labels.put("label" + l, randomText(random.nextInt(30)));
            }
            return labels;
        });
        maybe(report, "alert_after_failures", () -> nodes.numberNode(1 + random.nextInt(100)));
        report.put("client_added_field", "ignored");
        return report;
    }

    private void maybe(ObjectNode report, String field, java.util.function.Supplier<JsonNode> value) {
        if (random.nextInt(3) == 0) {
            report.set(field, value.get());
        }
    }

    /** A value for this field just inside or just outside one of its rules. */
    private JsonNode edgeValue(String field) {
        return switch (field) {
            case "task_key" -> nodes.textNode(pick(new String[] {"k".repeat(128), "k".repeat(129), "_k", "k_", "k k", "k:v.w-x"}));
            case "task_name" -> nodes.textNode(pick(new String[] {"名".repeat(200), "名".repeat(201), "😀".repeat(200),
                "😀".repeat(201), " ", "\u3000", "a"}));
            case "kind" -> nodes.textNode(pick(new String[] {"a".repeat(32), "a".repeat(33), "A", "1a", "a-", "a_1"}));
            case "machine_name" -> nodes.textNode("m".repeat(pick(new Integer[] {0, 255, 256})));
            case "log_url" -> nodes.textNode("u".repeat(pick(new Integer[] {2048, 2049})));
            case "run_id" -> nodes.textNode("r".repeat(pick(new Integer[] {128, 129})));
            case "external_id" -> nodes.textNode("e".repeat(pick(new Integer[] {256, 257})));
            case "message" -> nodes.textNode("メ".repeat(pick(new Integer[] {5461, 5462, 6000})));
            case "exit_code" -> nodes.numberNode(new BigInteger(pick(new String[] {"-2147483648", "-2147483649",
                "2147483647", "2147483648"})));
            case "duration_ms", "records_processed", "records_failed" -> nodes.numberNode(new BigInteger(pick(
                new String[] {"0", "-1", "9223372036854775807", "9223372036854775808"})));
            case "attempt", "max_attempts" -> nodes.numberNode(pick(new Integer[] {0, -1, 1, 5, 6, Integer.MAX_VALUE}));
            case "alert_after_failures" -> nodes.numberNode(pick(new Integer[] {0, 1, 100, 101, -1}));
            case "labels" -> {
                ObjectNode labels = nodes.objectNode();
                int count = pick(new Integer[] {0, 16, 17});
                for (int l = 0; l < count; l++) {
                    labels.put("n".repeat(random.nextInt(3) == 0 ? pick(new Integer[] {64, 65}) : 1) + l,
                            "v".repeat(pick(new Integer[] {0, 256, 257})));
                }
                yield labels;
            }
            default -> anyValue();
        };
    }

    /** A value of any type, near the boundaries the rules draw. */
    private JsonNode anyValue() {
        return switch (random.nextInt(22)) {
            case 0 -> nodes.nullNode();
            case 1 -> nodes.booleanNode(random.nextBoolean());
            case 2 -> nodes.numberNode(random.nextInt(201) - 100);
            case 3 -> nodes.numberNode(random.nextLong());
            case 4 -> nodes.numberNode(random.nextDouble() * 100);
            case 5 -> nodes.numberNode(new BigInteger("1" + "0".repeat(20)));
            case 6 -> nodes.numberNode(pick(new Integer[] {0, 1, 100, 101, -1, Integer.MAX_VALUE, Integer.MIN_VALUE}));
            case 7 -> nodes.textNode("");
            case 8 -> nodes.textNode("   ");
            case 9 -> nodes.textNode(randomText(random.nextInt(300)));
            case 10 -> nodes.textNode("k".repeat(pick(new Integer[] {127, 128, 129, 200, 201, 255, 256, 257, 2048, 2049})));
            case 11 -> nodes.textNode(pick(new String[] {"success", "failed", "running", "SUCCESS", "done", "ok"}));
            case 12 -> nodes.textNode(pick(new String[] {"2026-01-22T09:00:00Z", "2026-01-22T09:00:00+09:00",
                "2026-01-22T09:00:00", "2026-01-22 09:00:00", "2026-02-30T00:00:00Z", "yesterday", "2026-01-22",
                "2026-01-22T09:00:00.1234567-05:30", "1970-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", "+294277-01-01T00:00:00Z", "-4714-01-01T00:00:00Z",
                "-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59.999999999Z"}));
            case 13 -> nodes.textNode(pick(new String[] {randomUuid(), randomUuid().toUpperCase(),
                "not-a-uuid", randomUuid().replace("-", ""), "{" + randomUuid() + "}"}));
            case 14 -> nodes.arrayNode().add("x");
            case 15 -> {
                ObjectNode object = nodes.objectNode();
                int count = random.nextInt(20);
                for (int l = 0; l < count; l++) {
                    object.set(random.nextInt(10) == 0 ? " " : "k" + l,
                            random.nextInt(10) == 0 ? nodes.numberNode(l) : nodes.textNode("v".repeat(random.nextInt(300))));
                }
                yield object;
            }
            case 16 -> nodes.textNode(pick(new String[] {"python", "bat", "Shell", "-x", "_a", "a".repeat(32), "a".repeat(33)}));
            case 17 -> nodes.textNode(pick(new String[] {"-lead", ".dot", "ok_key", "with space", "キー", "a/b", "a\nb"}));
            case 18 -> nodes.textNode("名".repeat(pick(new Integer[] {1, 199, 200, 201})));
            case 19 -> nodes.textNode("😀".repeat(pick(new Integer[] {100, 101, 200, 201})));
            case 20 -> nodes.numberNode(new BigInteger(pick(new String[] {"2147483647", "2147483648", "9223372036854775807",
                "9223372036854775808", "-2147483649"})));
            default -> nodes.textNode(randomText(1 + random.nextInt(5)));
        };
    }

    private String mutateText(String json) {
        StringBuilder text = new StringBuilder(json);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && text.length() > 0; e++) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(5)) {
                case 0 -> text.deleteCharAt(at);
                case 1 -> text.insert(at, pick(new String[] {"\"", "{", "}", ",", ":", "\\", "\u0000", "]", " ", "x"}));
                case 2 -> text.setLength(at);
                case 3 -> text.setCharAt(at, (char) (32 + random.nextInt(95)));
                default -> text.insert(at, text.substring(at, Math.min(text.length(), at + random.nextInt(20))));
            }
        }
        return text.toString();
    }

    private String randomText(int length) {
        String alphabet = "abcXYZ019 _.:-/\\\"'\t\nあいう日本語中文😀\u3000\u0007";
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            text.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                    random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
        }
        return text.toString();
    }

    /** From the seeded generator, so a failing run can be replayed exactly. */
    private String randomUuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
