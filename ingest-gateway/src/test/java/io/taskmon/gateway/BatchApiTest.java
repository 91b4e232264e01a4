package io.taskmon.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.taskmon.events.MonitorId;
import io.taskmon.events.TaskRunReported;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /api/monitor/reports} over real HTTP against the real broker. */
class BatchApiTest {

    static final String KEY = "batch-key";

    private static EmbeddedServer server;
    private static GatewayClient client;
    private static PublishedRuns published;

    @BeforeAll
    static void startGateway() {
        server = PublishedRuns.startGateway(KEY);
        client = new GatewayClient(server.getURI());
        published = new PublishedRuns("batch-api-test");
    }

    @AfterAll
    static void stopGateway() {
        published.close();
        server.close();
    }

    private static List<TaskRunReported> publishedFor(String taskKeyPrefix) {
        return published.poll(Duration.ofMillis(300)).stream().map(ConsumerRecord::value)
                .filter(r -> r.taskKey().startsWith(taskKeyPrefix)).toList();
    }

    private static String report(String taskKey, String machine) {
        return """
                {"task_key":"%s","task_name":"一括 %s","kind":"python","status":"success","machine_name":%s}"""
                .formatted(taskKey, taskKey, machine == null ? "null" : "\"" + machine + "\"");
    }

    @Test
    void shouldAcceptTheGoodReportsOfAMixedArrayAndNameEachBadOne() {
        String prefix = "mixed_" + UUID.randomUUID().toString().substring(0, 8);
        String body = "[" + String.join(",",
                report(prefix + "_a", null),
                "{\"task_key\":\"" + prefix + "_b\",\"task_name\":\"n\",\"kind\":\"python\",\"status\":\"done\"}",
                report(prefix + "_c", "PC-1"),
                "42",
                "{\"task_key\":\"" + prefix + "_e\",\"task_name\":\"n\",\"kind\":\"python\"}",
                report(prefix + "_a", "PC-1")) + "]";

        GatewayClient.Answer answer = client.batch("application/json", body, KEY);

        assertThat(answer.status()).isEqualTo(207);
        assertThat(answer.raw().headers().firstValue("Retry-After")).isEmpty();
        assertThat(answer.body().get("accepted").asInt()).isEqualTo(3);
        assertThat(answer.body().get("rejected").asInt()).isEqualTo(3);
        JsonNode results = answer.body().get("results");
        assertThat(results).hasSize(6);
        for (int i = 0; i < 6; i++) {
            assertThat(results.get(i).get("index").asInt()).isEqualTo(i);
        }
        assertAccepted(results.get(0), MonitorId.of(prefix + "_a", "python", null), prefix + "_a");
        assertRefused(results.get(1), 400, "status must be one of success, failed, running or pending");
        assertAccepted(results.get(2), MonitorId.of(prefix + "_c", "python", "PC-1"), prefix + "_c");
        assertRefused(results.get(3), 400, "A report must be a JSON object");
        assertRefused(results.get(4), 400, "status is required and must be a string");
        assertAccepted(results.get(5), MonitorId.of(prefix + "_a", "python", "PC-1"), prefix + "_a");

        List<UUID> acceptedIds = List.of(results.get(0), results.get(2), results.get(5)).stream()
                .map(r -> UUID.fromString(r.get("event_id").asText())).toList();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(publishedFor(prefix)).extracting(TaskRunReported::eventId)
                        .containsExactlyInAnyOrderElementsOf(acceptedIds));
    }

    @Test
    void shouldReadNdjsonSkippingBlankLinesAndLetABrokenLineSinkOnlyItself() {
        String prefix = "ndjson_" + UUID.randomUUID().toString().substring(0, 8);
        String body = report(prefix + "_1", null) + "\n\n"
                + "{\"task_key\":\"" + prefix + "_2\",\n"
                + report(prefix + "_3", "WEB-01") + "\r\n"
                + "   \n";

        GatewayClient.Answer answer = client.batch("application/x-ndjson", body, KEY);

        assertThat(answer.status()).isEqualTo(207);
        JsonNode results = answer.body().get("results");
        assertThat(results).hasSize(3);
        assertAccepted(results.get(0), MonitorId.of(prefix + "_1", "python", null), prefix + "_1");
        assertThat(results.get(1).get("status").asInt()).isEqualTo(400);
        assertThat(results.get(1).get("error").asText()).startsWith("The line is not valid JSON");
        assertAccepted(results.get(2), MonitorId.of(prefix + "_3", "python", "WEB-01"), prefix + "_3");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(publishedFor(prefix)).hasSize(2));
    }

    @Test
    void shouldAnswer200WhenEveryReportIsAcceptedAnd400WhenNoneIs() {
        String prefix = "whole_" + UUID.randomUUID().toString().substring(0, 8);
        GatewayClient.Answer allGood = client.batch("application/json",
                "[" + report(prefix + "_1", null) + "," + report(prefix + "_2", null) + "]", KEY);
        assertThat(allGood.status()).isEqualTo(200);
        assertThat(allGood.body().get("accepted").asInt()).isEqualTo(2);
        assertThat(allGood.body().get("rejected").asInt()).isZero();

        GatewayClient.Answer allBad = client.batch("application/json", "[{},{\"task_key\":1}]", KEY);
        assertThat(allBad.status()).isEqualTo(400);
        assertThat(allBad.body().get("accepted").asInt()).isZero();
        assertRefused(allBad.body().get("results").get(1), 400, "task_key is required and must be a string");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(publishedFor(prefix)).hasSize(2));
    }

    @Test
    void shouldRefuseABodyThatCannotBeSplitWithOneSentence() {
        String prefix = "unsplittable_" + UUID.randomUUID().toString().substring(0, 8);
        StringBuilder tooMany = new StringBuilder("[");
        for (int i = 0; i <= BatchBody.MAX_REPORTS; i++) {
            tooMany.append(i == 0 ? "" : ",").append(report(prefix, null));
        }
        tooMany.append(']');
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("", "The request body is empty; send a JSON array of reports or NDJSON");
        cases.put("[]", "The batch holds no report; send 1 to 1000");
        cases.put(report(prefix, null), "The request body must be a JSON array of reports");
        cases.put("[" + report(prefix, null), "The request body is not valid JSON");
        cases.put(tooMany.toString(), "A batch holds at most 1000 reports; split it");
        cases.forEach((body, sentence) -> {
            GatewayClient.Answer answer = client.batch("application/json", body, KEY);
            assertThat(answer.status()).as(body.length() > 80 ? body.substring(0, 80) : body).isEqualTo(400);
            assertThat(answer.error()).startsWith(sentence);
        });

        GatewayClient.Answer blankNdjson = client.batch("application/x-ndjson", "\n \n", KEY);
        assertThat(blankNdjson.status()).isEqualTo(400);
        assertThat(blankNdjson.error()).isEqualTo("The request body is empty; send a JSON array of reports or NDJSON");

        GatewayClient.Answer wrongType = client.batch("text/csv", "[" + report(prefix, null) + "]", KEY);
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.error()).isEqualTo(
                "Content-Type must be application/json (a JSON array) or application/x-ndjson (one report a line)");

        GatewayClient.Answer noKey = client.post("/api/monitor/reports", "application/json", "[" + report(prefix, null) + "]");
        assertThat(noKey.status()).isEqualTo(401);
        assertThat(noKey.error()).isEqualTo("Invalid or missing secret");

        assertThat(publishedFor(prefix)).isEmpty();
    }

    @Test
    void shouldAcceptAFullBatchOfAThousand() {
        String prefix = "thousand_" + UUID.randomUUID().toString().substring(0, 8);
        StringBuilder ndjson = new StringBuilder();
        for (int i = 0; i < BatchBody.MAX_REPORTS; i++) {
            ndjson.append(report(prefix + "_" + i, i % 2 == 0 ? null : "PC-" + i)).append('\n');
        }
        GatewayClient.Answer answer = client.batch("application/x-ndjson", ndjson.toString(), KEY);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("accepted").asInt()).isEqualTo(1000);
        assertAccepted(answer.body().get("results").get(999), MonitorId.of(prefix + "_999", "python", "PC-999"),
                prefix + "_999");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(publishedFor(prefix)).hasSize(1000));
    }

    private static void assertAccepted(JsonNode result, UUID monitorId, String taskKey) {
        assertThat(result.get("ok").asBoolean()).as(result.toString()).isTrue();
        assertThat(result.get("monitor_id").asText()).isEqualTo(monitorId.toString());
        assertThat(result.get("task_key").asText()).isEqualTo(taskKey);
        assertThat(UUID.fromString(result.get("event_id").asText())).isNotNull();
        assertThat(result.has("error")).isFalse();
        assertThat(result.has("status")).isFalse();
    }

    private static void assertRefused(JsonNode result, int status, String sentence) {
        assertThat(result.get("ok").asBoolean()).as(result.toString()).isFalse();
        assertThat(result.get("status").asInt()).isEqualTo(status);
        assertThat(result.get("error").asText()).isEqualTo(sentence);
        assertThat(result.has("event_id")).isFalse();
    }
}
