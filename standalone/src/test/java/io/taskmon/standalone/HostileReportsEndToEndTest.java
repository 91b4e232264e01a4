package io.taskmon.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.taskmon.events.EventJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;

/**
 * Thousands of valid-JSON reports with hostile text and values (lone surrogates, NUL, control
 * characters, any script, the edges of PostgreSQL's timestamps and of the integer columns,
 * duplicate keys, deep unknown fields) through the real gateway, Kafka, monitor-streams and
 * projector. What the gateway acknowledges must be one row in {@code task_runs}, its text
 * stored with every NUL and lone surrogate as U+FFFD; what it refuses gets a 4xx sentence
 * naming the field. The seed is fixed and printed with every failure.
 */
class HostileReportsEndToEndTest {

    private static final long SEED = 20_261_207L;
    private static final int REPORTS = 2_000;
    private static final String KEY = "hostile-key";
    private static final String[] PIECES = {
        "\ud800", "\udfff", "\udbff", "\udc00", "\u0000", "\u0001", "\u001f", "\u007f", "\t", "\n", "\r", "\u2028",
        "\u202e", "\ufeff", "\uffff", "\ufffd", "😀", "\ud83d", "\ude00", "日本語", "中文", "العربية", "עברית",
        "e\u0301", "ß", "\"", "\\", "/", "'", "<script>", " ", "a", "Z", "9", "\u3000"};
    private static final String[] STORABLE_INSTANTS = {
        "2026-01-22T09:00:00Z", "2026-01-22T18:05:30+09:00", "2026-01-22T09:00:00.123456789Z", "0000-01-01T00:00:00Z",
        "-4713-11-24T00:00:00Z", "+294276-12-31T23:59:59.999999Z", "+10000-01-01T00:00:00Z", "1970-01-01T00:00:00"};
    private static final String[] UNSTORABLE_INSTANTS = {
        "-4713-11-23T23:59:59Z", "+294277-01-01T00:00:00Z", "+999999999-12-31T23:59:59.999999999Z",
        "-999999999-01-01T00:00:00Z", "+294276-12-31T23:59:59.9999995Z"};

    private final Random random = new Random(SEED);

    /** One generated report: its body, and the answer and stored text it must get. */
    private record Case(int index, String body, UUID eventId, String refusedField, Expected expected) {
    }

    private record Expected(String runId, String taskName, String machineName, String message, String logUrl,
                            String externalId, Map<String, String> labels, String startedAt, Integer exitCode,
                            Long durationMs, Long recordsProcessed) {
    }

    @Test
    void shouldStoreEveryAcknowledgedReportAsOneRunAndRefuseTheRestWithASentence() throws Exception {
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < REPORTS; i++) {
            cases.add(generate(i));
        }
        StandaloneSettings settings = TestHomes.settings("taskmon-hostile", KEY);
        try (StandaloneRuntime runtime = StandaloneRuntime.start(settings, (key, path) -> { })) {
            assertThat(runtime.awaitHealthy(Duration.ofSeconds(60))).as("down: %s", runtime.downComponents()).isTrue();
            List<HttpResponse<String>> answers = sendAll(runtime.baseUrl(), cases);

            Map<UUID, Case> acknowledged = new HashMap<>();
            for (Case sent : cases) {
                HttpResponse<String> answer = answers.get(sent.index());
                String context = "seed " + SEED + ", report " + sent.index() + ": " + sent.body();
                JsonNode json = EventJson.mapper().readTree(answer.body());
                if (sent.refusedField() == null) {
                    assertThat(answer.statusCode()).as("%s -> %s", context, answer.body()).isEqualTo(200);
                    assertThat(json.get("event_id").asText()).as(context).isEqualTo(sent.eventId().toString());
                    acknowledged.put(sent.eventId(), sent);
                } else {
                    assertThat(answer.statusCode()).as("%s -> %s", context, answer.body()).isBetween(400, 499);
                    String sentence = json.path("error").asText();
                    assertThat(sentence).as(context).contains(sent.refusedField()).doesNotContain("\n", "Exception");
                }
            }
            assertThat(acknowledged.size()).as("seed %s: the generator must be mostly valid", SEED)
                    .isGreaterThan(REPORTS / 3);

            Map<UUID, List<Map<String, Object>>> stored = new HashMap<>();
            await("seed " + SEED + ": every acknowledged report stored in task_runs")
                    .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                stored.clear();
                stored.putAll(storedRuns(runtime.jdbcUrl()));
                return stored.keySet().containsAll(acknowledged.keySet());
            });
            for (Case sent : acknowledged.values()) {
                String context = "seed " + SEED + ", report " + sent.index() + ": " + sent.body();
                List<Map<String, Object>> rows = stored.get(sent.eventId());
                assertThat(rows).as(context).hasSize(1);
                Map<String, Object> row = rows.get(0);
                Expected expected = sent.expected();
                assertThat(row.get("run_id")).as(context).isEqualTo(expected.runId());
                assertThat(row.get("task_name")).as(context).isEqualTo(expected.taskName());
                assertThat(row.get("machine_name")).as(context).isEqualTo(expected.machineName());
                assertThat(row.get("message")).as(context).isEqualTo(expected.message());
                assertThat(row.get("log_url")).as(context).isEqualTo(expected.logUrl());
                assertThat(row.get("external_id")).as(context).isEqualTo(expected.externalId());
                assertThat(row.get("labels")).as(context).isEqualTo(expected.labels());
                assertThat(row.get("raw_started_at")).as(context).isEqualTo(expected.startedAt());
                assertThat(row.get("started_at") != null).as(context).isEqualTo(expected.startedAt() != null);
                assertThat(row.get("exit_code")).as(context).isEqualTo(expected.exitCode());
                assertThat(row.get("duration_ms")).as(context).isEqualTo(expected.durationMs());
                assertThat(row.get("records_processed")).as(context).isEqualTo(expected.recordsProcessed());
            }
            assertThat(stored.keySet()).as("seed %s: rows of refused reports", SEED)
                    .containsExactlyInAnyOrderElementsOf(acknowledged.keySet());
        }
    }

    // ---- the generator -------------------------------------------------------------------

    private Case generate(int i) {
        UUID eventId = new UUID(SEED, i);
        Map<String, String> labels = new LinkedHashMap<>();
        List<String[]> fields = new ArrayList<>();
        // The fields a report breaks; the gateway names the first in the order it checks them.
        List<String> refused = new ArrayList<>();

        String runId = "r" + i + "|" + hostile(30);
        String taskName = "t" + hostile(40);
        String machineName = random.nextInt(4) == 0 ? null : "pc-" + hostile(12);
        String message = random.nextBoolean() ? hostile(200) : null;
        String logUrl = random.nextInt(3) == 0 ? "C:\\Logs\\" + hostile(20) : null;
        String externalId = random.nextInt(3) == 0 ? hostile(40) : null;

        fields.add(new String[] {"task_key", json("hostile_" + (i % 97))});
        if (random.nextInt(5) == 0) {
            fields.add(new String[] {"task_name", json("an earlier name, overwritten by the later key")});
        }
        fields.add(new String[] {"task_name", json(taskName)});
        fields.add(new String[] {"kind", json(random.nextBoolean() ? "shell" : "etl")});
        fields.add(new String[] {"status", json(random.nextBoolean() ? "success" : "failed")});
        fields.add(new String[] {"event_id", json(eventId.toString())});
        fields.add(new String[] {"run_id", json(runId)});
        add(fields, "machine_name", machineName);
        add(fields, "message", message);
        add(fields, "log_url", logUrl);
        add(fields, "external_id", externalId);

        String startedAt = null;
        String storedStartedAt = null;
        if (random.nextBoolean()) {
            startedAt = random.nextInt(8) == 0 ? pick(UNSTORABLE_INSTANTS) : pick(STORABLE_INSTANTS);
            if (List.of(UNSTORABLE_INSTANTS).contains(startedAt)) {
                refused.add("started_at");
            } else {
                storedStartedAt = DateTimeFormatter.ISO_INSTANT.format(instant(startedAt));
            }
            fields.add(new String[] {"started_at", json(startedAt)});
            if (random.nextBoolean()) {
                fields.add(new String[] {"finished_at", json(startedAt)});
            }
        }
        Integer exitCode = null;
        if (random.nextBoolean()) {
            String[] candidates = {"0", "1", "-1", "2147483647", "-2147483648", "2147483648", "-2147483649"};
            String text = pick(candidates);
            fields.add(new String[] {"exit_code", text});
            if (text.length() >= 10 && Long.parseLong(text) != (int) Long.parseLong(text)) {
                refused.add("exit_code");
            } else {
                exitCode = Integer.parseInt(text);
            }
        }
        Long durationMs = startedAt != null && fields.stream().anyMatch(f -> f[0].equals("finished_at")) ? 0L : null;
        if (random.nextInt(3) == 0) {
            String[] candidates = {"0", "9223372036854775807", "9223372036854775808", "-1", "1.5", "1e3"};
            String text = pick(candidates);
            fields.add(new String[] {"duration_ms", text});
            if (text.equals("0") || text.equals("9223372036854775807")) {
                durationMs = Long.parseLong(text);
            } else {
                refused.add(refused.contains("exit_code") ? refused.indexOf("exit_code") : refused.size(), "duration_ms");
            }
        }
        Long recordsProcessed = null;
        if (random.nextInt(3) == 0) {
            recordsProcessed = random.nextBoolean() ? Long.MAX_VALUE : 0L;
            fields.add(new String[] {"records_processed", recordsProcessed.toString()});
        }
        if (random.nextBoolean()) {
            StringBuilder object = new StringBuilder("{");
            int count = 1 + random.nextInt(6);
            for (int l = 0; l < count; l++) {
                String name = "l" + (random.nextInt(8) == 0 ? hostile(10) : l + pick(new String[] {"日本語", "\u0000", "\t", "😀", ""}));
                if (!storable(name).equals(name.replace('\u0000', '\uFFFD'))) {
                    // Jackson's reader refuses a lone surrogate in a field name, before any field is checked.
                    refused.add(0, "is not valid JSON");
                }
                String value = hostile(40);
                labels.put(storable(name), storable(value));
                object.append(l == 0 ? "" : ",").append(json(name)).append(':').append(json(value));
            }
            if (random.nextInt(10) == 0) {
                object.append(",\"nested\":{\"a\":\"b\"}");
                refused.add("labels.nested");
            }
            fields.add(new String[] {"labels", object.append('}').toString()});
        }
        if (random.nextInt(4) == 0) {
            int depth = 1 + random.nextInt(200);
            fields.add(new String[] {"client_detail", "{\"a\":[".repeat(depth) + json(hostile(10)) + "]}".repeat(depth)});
        }

        StringBuilder body = new StringBuilder("{");
        for (int f = 0; f < fields.size(); f++) {
            body.append(f == 0 ? "" : ",").append(json(fields.get(f)[0])).append(':').append(fields.get(f)[1]);
        }
        body.append('}');
        Expected expected = new Expected(storable(runId), storable(taskName), storable(machineName), storable(message),
                storable(logUrl), storable(externalId), labels, storedStartedAt, exitCode, durationMs, recordsProcessed);
        return new Case(i, body.toString(), eventId, refused.isEmpty() ? null : refused.get(0), expected);
    }

    private static void add(List<String[]> fields, String name, String value) {
        if (value != null) {
            fields.add(new String[] {name, json(value)});
        }
    }

    /** Up to {@code maxPieces} hostile pieces: halves of surrogate pairs, NUL, controls, any script. */
    private String hostile(int maxPieces) {
        StringBuilder text = new StringBuilder();
        int pieces = random.nextInt(maxPieces / 4 + 1);
        for (int p = 0; p < pieces; p++) {
            text.append(pick(PIECES));
        }
        return text.toString();
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private static Instant instant(String text) {
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException withoutOffset) {
            return java.time.LocalDateTime.parse(text).toInstant(java.time.ZoneOffset.UTC);
        }
    }

    /** A JSON string literal that escapes every control character and every surrogate, paired or not. */
    private static String json(String text) {
        StringBuilder literal = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                literal.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                literal.append(String.format("\\u%04x", (int) c));
            } else {
                literal.append(c);
            }
        }
        return literal.append('"').toString();
    }

    /** What the history must hold: NUL and every unpaired surrogate as U+FFFD. */
    private static String storable(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder stored = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                stored.append(c).append(text.charAt(++i));
            } else {
                stored.append(c == 0 || Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return stored.toString();
    }

    // ---- the pipeline ----------------------------------------------------------------------

    private static List<HttpResponse<String>> sendAll(URI base, List<Case> cases) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Semaphore inFlight = new Semaphore(16);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (Case sent : cases) {
            inFlight.acquire();
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/monitor/report"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("Authorization", "Bearer " + KEY)
                    .POST(HttpRequest.BodyPublishers.ofString(sent.body(), StandardCharsets.UTF_8)).build();
            answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                    .whenComplete((answer, error) -> inFlight.release()));
        }
        List<HttpResponse<String>> done = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            done.add(answer.get());
        }
        return done;
    }

    private static Map<UUID, List<Map<String, Object>>> storedRuns(String jdbcUrl) throws Exception {
        Map<UUID, List<Map<String, Object>>> runs = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("""
                     select event_id, run_id, raw->>'task_name' as task_name, machine_name, message, log_url,
                            external_id, labels::text as labels, raw->>'started_at' as raw_started_at, started_at,
                            exit_code, duration_ms, records_processed
                       from taskmon.task_runs""")) {
            while (rs.next()) {
                Map<String, Object> row = new HashMap<>();
                row.put("run_id", rs.getString("run_id"));
                row.put("task_name", rs.getString("task_name"));
                row.put("machine_name", rs.getString("machine_name"));
                row.put("message", rs.getString("message"));
                row.put("log_url", rs.getString("log_url"));
                row.put("external_id", rs.getString("external_id"));
                row.put("labels", EventJson.mapper().readValue(rs.getString("labels"),
                        new TypeReference<LinkedHashMap<String, String>>() { }));
                row.put("raw_started_at", rs.getString("raw_started_at"));
                row.put("started_at", rs.getString("started_at"));
                row.put("exit_code", rs.getObject("exit_code"));
                row.put("duration_ms", rs.getObject("duration_ms"));
                row.put("records_processed", rs.getObject("records_processed"));
                runs.computeIfAbsent(rs.getObject("event_id", UUID.class), id -> new ArrayList<>()).add(row);
            }
        }
        return runs;
    }
}
