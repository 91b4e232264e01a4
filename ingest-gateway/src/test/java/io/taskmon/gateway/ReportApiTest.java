package io.taskmon.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.taskmon.embedded.SharedInfrastructure;
import io.taskmon.events.MonitorId;
import io.taskmon.events.RunStatus;
import io.taskmon.events.TaskRunReported;
import io.taskmon.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The report endpoint over real HTTP against the real broker. */
class ReportApiTest {

    static final String KEY = "key-current";
    static final String ROTATED_KEY = "key-next";

    private static EmbeddedServer server;
    private static GatewayClient client;
    private static KafkaConsumer<UUID, TaskRunReported> consumer;
    private static final List<ConsumerRecord<UUID, TaskRunReported>> published = new ArrayList<>();

    @BeforeAll
    static void startGateway() {
        String bootstrap = SharedInfrastructure.kafkaBootstrapServers();
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "taskmon.kafka.bootstrap-servers", bootstrap,
                "taskmon.ingest.keys", KEY + "," + ROTATED_KEY));
        client = new GatewayClient(server.getURI());
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "report-api-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                Topics.TASK_RUNS.keySerde().deserializer(), Topics.TASK_RUNS.valueSerde().deserializer());
        consumer.subscribe(List.of(Topics.TASK_RUNS.name()));
    }

    @AfterAll
    static void stopGateway() {
        consumer.close();
        server.close();
    }

    private static ConsumerRecord<UUID, TaskRunReported> awaitPublished(UUID eventId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(published::add);
            return published.stream().filter(r -> r.value().eventId().equals(eventId)).findFirst().orElse(null);
        }, r -> r != null);
    }

    private static List<ConsumerRecord<UUID, TaskRunReported>> publishedFor(String taskKey) {
        consumer.poll(Duration.ofMillis(500)).forEach(published::add);
        return published.stream().filter(r -> r.value().taskKey().equals(taskKey)).toList();
    }

    @Test
    void shouldAcceptATcPortalReportAndPublishItKeyedByMonitor() {
        String taskKey = "daily_sync_" + UUID.randomUUID().toString().substring(0, 8);
        // The TC Portal PowerShell sender's payload, with its header.
        String body = """
                {"task_key":"%s","task_name":"日次同期","kind":"python","status":"success","exit_code":0,
                 "message":"処理完了: 100件","started_at":"2026-01-22T09:00:00Z","finished_at":"2026-01-22T18:05:30+09:00",
                 "duration_ms":330000,"log_url":null,"machine_name":"WEB-01","client_added_field":{"x":1}}
                """.formatted(taskKey);
        GatewayClient.Answer answer = client.post("/api/monitor/report", "application/json; charset=utf-8", body,
                "X-TC-Portal-Secret", KEY);

        assertThat(answer.status()).isEqualTo(200);
        UUID monitorId = MonitorId.of(taskKey, "python", "WEB-01");
        assertThat(answer.body().get("ok").asBoolean()).isTrue();
        assertThat(answer.body().get("monitor_id").asText()).isEqualTo(monitorId.toString());
        assertThat(answer.body().get("task_key").asText()).isEqualTo(taskKey);
        UUID eventId = UUID.fromString(answer.body().get("event_id").asText());

        ConsumerRecord<UUID, TaskRunReported> record = awaitPublished(eventId);
        assertThat(record.key()).isEqualTo(monitorId);
        TaskRunReported run = record.value();
        assertThat(run.taskName()).isEqualTo("日次同期");
        assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(run.startedAt()).isEqualTo(Instant.parse("2026-01-22T09:00:00Z"));
        assertThat(run.finishedAt()).isEqualTo(Instant.parse("2026-01-22T09:05:30Z"));
        assertThat(run.durationMs()).isEqualTo(330_000L);
        assertThat(run.exitCode()).isZero();
        assertThat(run.message()).isEqualTo("処理完了: 100件");
        assertThat(run.runId()).isEqualTo(eventId.toString());
        assertThat(run.receivedAt()).isNotNull();
    }

    @Test
    void shouldKeepTheClientsEventIdAndTellMachinesApart() {
        String taskKey = "nightly_import_" + UUID.randomUUID().toString().substring(0, 8);
        UUID eventId = UUID.randomUUID();
        String withoutMachine = """
                {"task_key":"%s","task_name":"ナイトリー取込","kind":"bat","status":"failed","exit_code":2,
                 "machine_name":null,"event_id":"%s"}""".formatted(taskKey, eventId);
        String withMachine = """
                {"task_key":"%s","task_name":"ナイトリー取込","kind":"bat","status":"failed","machine_name":"PC-7"}"""
                .formatted(taskKey);

        GatewayClient.Answer first = client.report(withoutMachine, KEY);
        GatewayClient.Answer second = client.report(withMachine, ROTATED_KEY);

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(first.body().get("event_id").asText()).isEqualTo(eventId.toString());
        assertThat(first.body().get("monitor_id").asText()).isEqualTo(MonitorId.of(taskKey, "bat", null).toString());
        assertThat(second.body().get("monitor_id").asText()).isEqualTo(MonitorId.of(taskKey, "bat", "PC-7").toString());
        assertThat(awaitPublished(eventId).value().machineName()).isNull();
    }

    @Test
    void shouldRefuseAMissingOrWrongKeyAndPublishNothing() {
        String taskKey = "unauthorized_" + UUID.randomUUID().toString().substring(0, 8);
        String body = """
                {"task_key":"%s","task_name":"x","kind":"shell","status":"success"}""".formatted(taskKey);

        List<GatewayClient.Answer> answers = List.of(
                client.post("/api/monitor/report", "application/json", body),
                client.report(body, "wrong"),
                client.report(body, ""),
                client.post("/api/monitor/report", "application/json", body, "X-TC-Portal-Secret", KEY + "x"),
                client.post("/api/monitor/report", "application/json", body, "Authorization", "Basic " + KEY));

        for (GatewayClient.Answer answer : answers) {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.error()).isEqualTo("Invalid or missing secret");
        }
        assertThat(publishedFor(taskKey)).isEmpty();
    }

    @Test
    void shouldRejectBadReportsWithOneSentenceNamingTheField() {
        String prefix = "bad_" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("{\"task_name\":\"n\",\"kind\":\"shell\",\"status\":\"success\",\"task_key\":\"" + prefix + "\"}x",
                "The request body is not valid JSON");
        cases.put("{\"task_name\":\"n\",\"kind\":\"shell\",\"status\":\"success\"}",
                "task_key is required and must be a string");
        cases.put("{\"task_key\":42,\"task_name\":\"n\",\"kind\":\"shell\",\"status\":\"success\"}",
                "task_key is required and must be a string");
        cases.put("{\"task_key\":\"-" + prefix + "\",\"task_name\":\"n\",\"kind\":\"shell\",\"status\":\"success\"}",
                "task_key must start with a letter or digit");
        cases.put("{\"task_key\":\"" + prefix + "\",\"task_name\":\"\",\"kind\":\"shell\",\"status\":\"success\"}",
                "task_name is required and must be a string");
        cases.put("{\"task_key\":\"" + prefix + "\",\"task_name\":\"n\",\"kind\":\"Shell\",\"status\":\"success\"}",
                "kind must be a lowercase slug");
        cases.put("{\"task_key\":\"" + prefix + "\",\"task_name\":\"n\",\"kind\":\"shell\",\"status\":\"done\"}",
                "status must be one of success, failed or running");
        cases.put("{\"task_key\":\"" + prefix + "\",\"task_name\":\"n\",\"kind\":\"shell\",\"status\":\"success\","
                + "\"started_at\":\"yesterday\"}", "started_at must be an ISO-8601 timestamp");
        cases.put("{\"task_key\":\"" + prefix + "\",\"task_name\":\"n\",\"kind\":\"shell\",\"status\":\"success\","
                + "\"started_at\":\"2026-01-22T10:00:00Z\",\"finished_at\":\"2026-01-22T09:00:00Z\"}",
                "finished_at must not be before started_at");
        cases.put("{\"task_key\":\"" + prefix + "\",\"task_name\":\"n\",\"kind\":\"shell\",\"status\":\"success\","
                + "\"exit_code\":\"1\"}", "exit_code must be a whole number");
        cases.put("{\"task_key\":\"" + prefix + "\",\"task_name\":\"n\",\"kind\":\"shell\",\"status\":\"success\","
                + "\"duration_ms\":-5}", "duration_ms must be a whole number of 0 or more");
        cases.put("{\"task_key\":\"" + prefix + "\",\"task_name\":\"n\",\"kind\":\"shell\",\"status\":\"success\","
                + "\"event_id\":\"abc\"}", "event_id must be a UUID");
        cases.put("[{\"task_key\":\"" + prefix + "\"}]", "The request body must be a JSON object");
        cases.put("", "The request body is empty");

        cases.forEach((body, sentence) -> {
            GatewayClient.Answer answer = client.report(body, KEY);
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.error()).as(body).startsWith(sentence);
        });
        assertThat(publishedFor(prefix)).isEmpty();
    }

    @Test
    void shouldRefuseAWrongContentTypeWithASentence() {
        GatewayClient.Answer answer = client.post("/api/monitor/report", "text/plain",
                "{\"task_key\":\"k\",\"task_name\":\"n\",\"kind\":\"shell\",\"status\":\"success\"}",
                "Authorization", "Bearer " + KEY);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error()).isEqualTo("Content-Type must be application/json");
    }

    @Test
    void shouldAnswerUnknownPathsAndOversizedBodiesInTheErrorShape() {
        GatewayClient.Answer unknown = client.post("/api/monitor/nope", "application/json", "{}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).isEqualTo("There is no endpoint at POST /api/monitor/nope");

        String huge = "{\"task_key\":\"big\",\"task_name\":\"n\",\"kind\":\"shell\",\"status\":\"success\",\"message\":\""
                + "x".repeat(300 * 1024) + "\"}";
        GatewayClient.Answer tooLarge = client.report(huge, KEY);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.error()).isEqualTo("The request body is larger than the gateway accepts");
    }

    @Test
    void shouldReportTheBrokerInHealth() {
        GatewayClient.Answer health = client.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("status").asText()).isEqualTo("UP");
        assertThat(health.body().get("components").get("broker").asText()).isEqualTo("UP");
    }
}
