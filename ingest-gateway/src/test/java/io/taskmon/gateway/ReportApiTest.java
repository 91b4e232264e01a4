package io.taskmon.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.runtime.server.EmbeddedServer;
import io.taskmon.events.MonitorConfig;
import io.taskmon.events.MonitorId;
import io.taskmon.events.RunStatus;
import io.taskmon.events.TaskRunReported;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The report endpoint over real HTTP against the real broker. */
class ReportApiTest {

    static final String KEY = "key-current";
    static final String ROTATED_KEY = "key-next";

    private static EmbeddedServer server;
    private static GatewayClient client;
    private static PublishedRuns published;

    @BeforeAll
    static void startGateway() {
        server = PublishedRuns.startGateway(KEY + "," + ROTATED_KEY);
        client = new GatewayClient(server.getURI());
        published = new PublishedRuns("report-api-test");
    }

    @AfterAll
    static void stopGateway() {
        published.close();
        server.close();
    }

    private static ConsumerRecord<UUID, TaskRunReported> awaitPublished(UUID eventId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            return published.poll(Duration.ofMillis(200)).stream()
                    .filter(r -> r.value().eventId().equals(eventId)).findFirst().orElse(null);
        }, r -> r != null);
    }

    private static List<ConsumerRecord<UUID, TaskRunReported>> publishedFor(String taskKey) {
        return published.poll(Duration.ofMillis(500)).stream().filter(r -> r.value().taskKey().equals(taskKey)).toList();
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
                "status must be one of success, failed, running or pending");
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
        String valid = "{\"task_key\":\"" + prefix + "\",\"task_name\":\"n\",\"kind\":\"shell\",\"status\":\"success\",";
        cases.put(valid + "\"records_processed\":-1}", "records_processed must be a whole number of 0 or more");
        cases.put(valid + "\"records_failed\":\"3\"}", "records_failed must be a whole number of 0 or more");
        cases.put(valid + "\"attempt\":-1}", "attempt must be a whole number of 0 or more");
        cases.put(valid + "\"max_attempts\":2.5}", "max_attempts must be a whole number of 0 or more");
        cases.put(valid + "\"attempt\":4,\"max_attempts\":3}", "attempt must not be greater than max_attempts");
        cases.put(valid + "\"external_id\":12}", "external_id must be a string");
        cases.put(valid + "\"labels\":[\"a\"]}", "labels must be a JSON object of string values");
        cases.put(valid + "\"labels\":{\"county\":1}}", "labels.county must be a string");
        cases.put(valid + "\"labels\":{\" \":\"x\"}}", "labels names must be 1 to 64 characters");
        cases.put(valid + "\"labels\":{\"k\":\"" + "v".repeat(257) + "\"}}", "labels.k must be at most 256 characters");
        StringBuilder seventeen = new StringBuilder("{");
        for (int i = 0; i < 17; i++) {
            seventeen.append(i == 0 ? "" : ",").append("\"l").append(i).append("\":\"v\"");
        }
        cases.put(valid + "\"labels\":" + seventeen + "}}", "labels must have at most 16 entries");
        cases.put(valid + "\"alert_after_failures\":0}", "alert_after_failures must be a whole number from 1 to 100");
        cases.put(valid + "\"alert_after_failures\":101}", "alert_after_failures must be a whole number from 1 to 100");
        cases.put(valid + "\"monitor_config\":{\"cron\":\"0 2 * * *\",\"timezone\":\"Asia/Taipeh\"}}",
                "monitor_config.timezone must be an IANA time zone such as UTC, Asia/Taipei or Europe/Berlin,"
                        + " got 'Asia/Taipeh'");
        cases.put(valid + "\"monitor_config\":{\"cron\":\"0 0 2 * * *\"}}",
                "monitor_config.cron must have 5 fields (minute hour day-of-month month day-of-week) such as"
                        + " '0 2 * * *', got 6");
        cases.put(valid + "\"monitor_config\":{\"cron\":\"0 25 * * *\"}}",
                "monitor_config.cron is not a valid cron expression");
        cases.put(valid + "\"monitor_config\":{\"cron\":\"0 2 * * *\",\"interval_seconds\":3600}}",
                "monitor_config must have either cron or interval_seconds, not both");
        cases.put(valid + "\"monitor_config\":{\"interval_seconds\":60,\"grace_seconds\":-1}}",
                "monitor_config.grace_seconds must be a whole number from 0 to 31536000");
        cases.put(valid + "\"monitor_config\":{\"interval_seconds\":5}}",
                "monitor_config.interval_seconds must be a whole number from 10 to 31536000");
        cases.put(valid + "\"monitor_config\":{\"interval_seconds\":\"60\"}}",
                "monitor_config.interval_seconds must be a whole number of seconds");
        cases.put(valid + "\"monitor_config\":{\"cron\":\"0 2 * * *\",\"recover_after_successes\":0}}",
                "monitor_config.recover_after_successes must be a whole number from 1 to 100");
        cases.put(valid + "\"monitor_config\":\"0 2 * * *\"}", "monitor_config must be a JSON object");
        cases.put(valid + "\"monitor_config\":{\"depends_on\":\"nightly_db\"}}",
                "monitor_config.depends_on must be a list of monitor ids");
        cases.put(valid + "\"monitor_config\":{\"depends_on\":[\"" + UUID.randomUUID() + "\",\"nightly_db\"]}}",
                "monitor_config.depends_on[1] must be a monitor id (a UUID), got \"nightly_db\"");
        cases.put(valid + "\"monitor_config\":{\"depends_on\":[" + String.join(",", java.util.Collections.nCopies(21,
                        "\"" + UUID.randomUUID() + "\"")) + "]}}",
                "monitor_config.depends_on must list at most 20 monitor ids");
        cases.put(valid + "\"run_id\":\"" + "r".repeat(129) + "\"}", "run_id must be at most 128 characters");
        cases.put(valid + "\"log_url\":[\"x\"]}", "log_url must be a string");
        cases.put(valid + "\"finished_at\":\"2026-13-01T00:00:00Z\"}", "finished_at must be an ISO-8601 timestamp");
        cases.put("{\"task_key\":\"" + prefix + "\",\"kind\":\"shell\",\"status\":\"success\"}",
                "task_name is required and must be a string");
        cases.put("{\"task_key\":\"" + prefix + "\",\"task_name\":\"n\",\"status\":\"success\"}",
                "kind is required and must be a string");
        cases.put("{\"task_key\":\"" + prefix + "\",\"task_name\":\"n\",\"kind\":\"shell\"}",
                "status is required and must be a string");
        cases.put("{\"task_key\":\"" + prefix + "\",\"task_name\":\"   \",\"kind\":\"shell\",\"status\":\"success\"}",
                "task_name must be 1 to 200 characters and not only spaces");
        cases.put("[{\"task_key\":\"" + prefix + "\"}]", "The request body must be a JSON object");
        cases.put("{\"task_key\":", "The request body is not valid JSON");
        cases.put("", "The request body is empty");

        cases.forEach((body, sentence) -> {
            GatewayClient.Answer answer = client.report(body, KEY);
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.error()).as(body).startsWith(sentence);
            assertThat(answer.body().size()).as("only the error field").isEqualTo(1);
        });
        assertThat(publishedFor(prefix)).isEmpty();
    }

    @Test
    void shouldAcceptThePythonClientsPayloadWithMicrosecondsAndAnOffsetAndNoMachine() {
        String taskKey = "my_task_" + UUID.randomUUID().toString().substring(0, 8);
        // report_task_status() as in the seed: json.dumps(ensure_ascii=False) of isoformat() times,
        // machine_name from COMPUTERNAME, which is None (null) outside Windows.
        String body = """
                {"task_key": "%s", "task_name": "マイタスク", "kind": "python", "status": "failed", "machine_name": null,                 "message": "division by zero", "exit_code": 1, "started_at": "2026-01-22T09:00:00.123456+00:00",                 "finished_at": "2026-01-22T09:00:02.623456+00:00", "duration_ms": 2500}""".formatted(taskKey);
        GatewayClient.Answer answer = client.post("/api/monitor/report", "application/json; charset=utf-8", body,
                "X-TC-Portal-Secret", KEY);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("monitor_id").asText()).isEqualTo(MonitorId.of(taskKey, "python", null).toString());
        TaskRunReported run = awaitPublished(UUID.fromString(answer.body().get("event_id").asText())).value();
        assertThat(run.taskName()).isEqualTo("マイタスク");
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.startedAt()).isEqualTo(Instant.parse("2026-01-22T09:00:00.123456Z"));
        assertThat(run.durationMs()).isEqualTo(2500L);
        assertThat(run.machineName()).isNull();
    }

    @Test
    void shouldPublishTheOptionalCountsLabelsAndAlertThreshold() {
        String taskKey = "tax_import_" + UUID.randomUUID().toString().substring(0, 8);
        String body = """
                {"task_key":"%s","task_name":"稅籍匯入","kind":"etl","status":"success",
                 "records_processed":2400000,"records_failed":17,"attempt":2,"max_attempts":3,
                 "external_id":"celery-7f3a","labels":{"county":"Taipei","env":"prod"},"alert_after_failures":3}"""
                .formatted(taskKey);
        GatewayClient.Answer answer = client.report(body, KEY);

        assertThat(answer.status()).isEqualTo(200);
        TaskRunReported run = awaitPublished(UUID.fromString(answer.body().get("event_id").asText())).value();
        assertThat(run.recordsProcessed()).isEqualTo(2_400_000L);
        assertThat(run.recordsFailed()).isEqualTo(17L);
        assertThat(run.attempt()).isEqualTo(2);
        assertThat(run.maxAttempts()).isEqualTo(3);
        assertThat(run.externalId()).isEqualTo("celery-7f3a");
        assertThat(run.labels()).containsExactly(Map.entry("county", "Taipei"), Map.entry("env", "prod"));
        assertThat(run.alertAfterFailures()).isEqualTo(3);
    }

    @Test
    void shouldPublishTheMonitorConfigurationTheReportCarries() {
        String taskKey = "nightly_" + UUID.randomUUID().toString().substring(0, 8);
        String body = """
                {"task_key":"%s","task_name":"Nightly","kind":"shell","status":"running",
                 "monitor_config":{"cron":"30 2 * * *","timezone":"Europe/Berlin","grace_seconds":600,
                 "max_runtime_seconds":3600,"min_runtime_seconds":5,"alert_after_failures":2,
                 "recover_after_successes":3,"not_yet_known":true}}"""
                .formatted(taskKey);
        GatewayClient.Answer answer = client.report(body, KEY);
        GatewayClient.Answer withoutConfig = client.report("""
                {"task_key":"%s","task_name":"Nightly","kind":"shell","status":"success","monitor_config":null}"""
                .formatted(taskKey), KEY);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(withoutConfig.status()).isEqualTo(200);
        TaskRunReported run = awaitPublished(UUID.fromString(answer.body().get("event_id").asText())).value();
        assertThat(run.monitorConfig()).isEqualTo(
                new MonitorConfig("30 2 * * *", "Europe/Berlin", null, 600L, 3600L, 5L, 2, 3));
        TaskRunReported plain = awaitPublished(UUID.fromString(withoutConfig.body().get("event_id").asText())).value();
        assertThat(plain.monitorConfig()).isNull();
    }

    @Test
    void shouldAnswerARetriedReportWithTheSameEventIdAndPublishItUnderThatId() {
        String taskKey = "retried_" + UUID.randomUUID().toString().substring(0, 8);
        UUID eventId = UUID.randomUUID();
        String body = """
                {"task_key":"%s","task_name":"再送","kind":"bat","status":"success","event_id":"%s"}"""
                .formatted(taskKey, eventId);

        GatewayClient.Answer first = client.report(body, KEY);
        GatewayClient.Answer retry = client.report(body, KEY);

        assertThat(first.status()).isEqualTo(200);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(first.body());
        // Both copies carry the same event and run id, which the read model keys on: one run.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(publishedFor(taskKey)).hasSize(2));
        assertThat(publishedFor(taskKey)).extracting(r -> r.value().eventId()).containsOnly(eventId);
        assertThat(publishedFor(taskKey)).extracting(r -> r.value().runId()).containsOnly(eventId.toString());
    }

    @Test
    void shouldPublishARunningSignalAndItsFinishUnderOneRunId() {
        String taskKey = "long_job_" + UUID.randomUUID().toString().substring(0, 8);
        String running = """
                {"task_key":"%s","task_name":"長時間ジョブ","kind":"shell","status":"running","run_id":"run-1",
                 "started_at":"2026-01-22T09:00:00+09:00"}""".formatted(taskKey);
        String finished = """
                {"task_key":"%s","task_name":"長時間ジョブ","kind":"shell","status":"success","run_id":"run-1",
                 "started_at":"2026-01-22T09:00:00+09:00","finished_at":"2026-01-22T00:10:00Z"}""".formatted(taskKey);

        assertThat(client.report(running, KEY).status()).isEqualTo(200);
        assertThat(client.report(finished, KEY).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(publishedFor(taskKey)).hasSize(2));
        List<TaskRunReported> runs = publishedFor(taskKey).stream().map(ConsumerRecord::value).toList();
        assertThat(runs).extracting(TaskRunReported::status).containsExactly(RunStatus.RUNNING, RunStatus.SUCCESS);
        assertThat(runs).extracting(TaskRunReported::runId).containsOnly("run-1");
        assertThat(runs.get(1).durationMs()).isEqualTo(600_000L);
    }

    @Test
    void shouldServeTheOpenApiDocumentNamingBothEndpoints() {
        GatewayClient.Answer document = client.getText("/api/openapi.yaml");
        assertThat(document.status()).isEqualTo(200);
        assertThat(document.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/yaml"));
        assertThat(document.raw().body()).startsWith("openapi: 3.")
                .contains("\n  /api/monitor/report:\n", "\n  /api/monitor/reports:\n", "X-TC-Portal-Secret",
                        "alert_after_failures", "application/x-ndjson");
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

        GatewayClient.Answer wrongMethod = client.get("/api/monitor/reports");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.error()).isEqualTo("Method GET is not allowed on /api/monitor/reports");

        String huge = "{\"task_key\":\"big\",\"task_name\":\"n\",\"kind\":\"shell\",\"status\":\"success\",\"message\":\""
                + "x".repeat(300 * 1024) + "\"}";
        GatewayClient.Answer tooLarge = client.report(huge, KEY);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.error()).isEqualTo("The request body is larger than the gateway accepts");

        String hugeBatch = ("{\"task_key\":\"big\",\"task_name\":\"n\",\"kind\":\"shell\",\"status\":\"success\",\"message\":\""
                + "x".repeat(12 * 1024) + "\"}\n").repeat(900);
        GatewayClient.Answer batchTooLarge = client.batch("application/x-ndjson", hugeBatch, KEY);
        assertThat(batchTooLarge.status()).isEqualTo(413);
        assertThat(batchTooLarge.error()).isEqualTo("The request body is larger than the gateway accepts");
    }

    @Test
    void shouldKeepAnOverlongMessageTruncatedAndAcceptTheReport() {
        String taskKey = "chatty_" + UUID.randomUUID().toString().substring(0, 8);
        String body = """
                {"task_key":"%s","task_name":"n","kind":"shell","status":"failed","message":"%s"}"""
                .formatted(taskKey, "エラー".repeat(10_000));
        GatewayClient.Answer answer = client.report(body, KEY);

        assertThat(answer.status()).isEqualTo(200);
        String kept = awaitPublished(UUID.fromString(answer.body().get("event_id").asText())).value().message();
        assertThat(kept).endsWith(MessageTruncation.TRUNCATION_MARKER).startsWith("エラーエラー");
        assertThat(kept.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(MessageTruncation.MESSAGE_MAX_BYTES);
    }

    @Test
    void shouldReportTheBrokerInHealth() {
        GatewayClient.Answer health = client.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("status").asText()).isEqualTo("UP");
        assertThat(health.body().get("components").get("broker").asText()).isEqualTo("UP");
    }
}
