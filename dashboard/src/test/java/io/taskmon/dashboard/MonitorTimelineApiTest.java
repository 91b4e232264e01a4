package io.taskmon.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A monitor's timeline (expected against actual runs) and its runs' queue wait, over real HTTP. */
class MonitorTimelineApiTest {

    private static final Duration GRACE = Duration.ofMinutes(10);
    private static final Instant HOUR = Instant.now().truncatedTo(ChronoUnit.HOURS);
    private static ReadModelSeed seed;
    private static DashboardServer dashboard;
    private static ApiClient client;
    private static UUID hourly;
    private static UUID unscheduled;
    private static UUID queueWorker;
    /** Expected time to the run that met it: runs started within grace of the hour. */
    private static final Map<Instant, String> MET = new LinkedHashMap<>();

    @BeforeAll
    static void seedAndStart() {
        seed = new ReadModelSeed("monitor_timeline_api");
        hourly = seed.monitor("hourly_export", "毎時エクスポート", "python", "WEB-01")
                .schedule("{\"cron\":\"0 * * * *\",\"timezone\":\"Asia/Taipei\",\"grace_seconds\":"
                        + GRACE.toSeconds() + "}", HOUR.plus(1, ChronoUnit.HOURS)).insert();
        // Met: five and two hours ago, started inside the grace.
        seedRun(hourly, "on-time-5", HOUR.minus(5, ChronoUnit.HOURS).plusSeconds(30), "success");
        seedRun(hourly, "on-time-2", HOUR.minus(2, ChronoUnit.HOURS).plus(GRACE), "failed");
        MET.put(HOUR.minus(5, ChronoUnit.HOURS), "on-time-5");
        MET.put(HOUR.minus(2, ChronoUnit.HOURS), "on-time-2");
        // Missed: three hours ago a run started only after the grace; four hours ago none came.
        seedRun(hourly, "too-late-3", HOUR.minus(3, ChronoUnit.HOURS).plus(GRACE).plusSeconds(1), "success");
        // Long before the window: not shown.
        seedRun(hourly, "yesterday", HOUR.minus(30, ChronoUnit.HOURS), "success");

        unscheduled = seed.monitor("ad_hoc", "Ad hoc", "shell", "WEB-02").insert();
        seedRun(unscheduled, "ad-hoc-1", HOUR.minus(1, ChronoUnit.HOURS), "success");

        queueWorker = seed.monitor("queue_worker", "Queue worker", "celery", "WORKER-1").insert();
        Instant queued = HOUR.minus(2, ChronoUnit.HOURS);
        seed.queuedRun(queueWorker, "waited", "success", queued, queued.plusSeconds(95).plusMillis(250),
                queued.plusSeconds(300));
        seed.queuedRun(queueWorker, "still-queued", "pending", HOUR.minusSeconds(40), null, null);

        dashboard = new DashboardServer(seed, Map.of());
        client = dashboard.client;
    }

    private static void seedRun(UUID monitor, String runId, Instant startedAt, String status) {
        Duration took = Duration.ofSeconds(90);
        seed.run(monitor, runId, status, startedAt.plus(took), took.toMillis(), "failed".equals(status) ? 1 : 0,
                null, null);
    }

    @AfterAll
    static void stop() {
        dashboard.close();
        seed.close();
    }

    @Test
    void shouldJudgeEachExpectedTimeOfTheWindowAgainstTheRunsThatStarted() {
        ApiClient.Answer answer = client.get("/api/monitors/" + hourly + "/timeline?hours=6");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = answer.body();
        Instant from = Instant.parse(body.get("from").asText());
        Instant to = Instant.parse(body.get("to").asText());
        assertThat(Duration.between(from, to)).isEqualTo(Duration.ofHours(6));
        assertThat(body.get("cron").asText()).isEqualTo("0 * * * *");
        assertThat(body.get("timezone").asText()).isEqualTo("Asia/Taipei");
        assertThat(body.get("grace_seconds").asLong()).isEqualTo(GRACE.toSeconds());
        assertThat(body.get("truncated").asBoolean()).isFalse();

        // Every top of the hour in the window (Taipei has whole-hour offsets), judged as the seed says.
        List<String> expected = new ArrayList<>();
        for (Instant due = from.truncatedTo(ChronoUnit.HOURS); !due.isAfter(to); due = due.plus(1, ChronoUnit.HOURS)) {
            if (due.isBefore(from)) {
                continue;
            }
            String outcome = MET.containsKey(due) ? "met " + MET.get(due)
                    : due.plus(GRACE).isAfter(to) ? "upcoming -" : "missed -";
            expected.add(due + " " + due.plus(GRACE) + " " + outcome);
        }
        List<String> actual = StreamSupport.stream(body.get("expected").spliterator(), false)
                .map(e -> e.get("expected_at").asText() + " " + e.get("grace_ends_at").asText() + " "
                        + e.get("outcome").asText() + " " + (e.has("run_id") ? e.get("run_id").asText() : "-"))
                .toList();
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(actual).anyMatch(a -> a.contains("missed"));
        assertThat(actual).filteredOn(a -> a.contains(" met ")).hasSize(2);

        List<String> runs = StreamSupport.stream(body.get("runs").spliterator(), false)
                .map(r -> r.get("run_id").asText() + " " + r.get("status").asText() + " "
                        + r.get("started_at").asText() + " " + r.get("finished_at").asText())
                .toList();
        assertThat(runs).containsExactly(
                runLine("on-time-5", "success", HOUR.minus(5, ChronoUnit.HOURS).plusSeconds(30)),
                runLine("too-late-3", "success", HOUR.minus(3, ChronoUnit.HOURS).plus(GRACE).plusSeconds(1)),
                runLine("on-time-2", "failed", HOUR.minus(2, ChronoUnit.HOURS).plus(GRACE)));
    }

    private static String runLine(String runId, String status, Instant started) {
        return runId + " " + status + " " + started + " " + started.plusSeconds(90);
    }

    @Test
    void shouldShowRunsButNoExpectedTimesForAMonitorWithoutSchedule() {
        JsonNode body = client.get("/api/monitors/" + unscheduled + "/timeline").body();

        assertThat(Duration.between(Instant.parse(body.get("from").asText()), Instant.parse(body.get("to").asText())))
                .isEqualTo(Duration.ofHours(24));
        assertThat(body.get("expected")).isEmpty();
        assertThat(body.has("cron")).isFalse();
        assertThat(body.get("runs")).hasSize(1);
        assertThat(body.get("runs").get(0).get("run_id").asText()).isEqualTo("ad-hoc-1");
    }

    @Test
    void shouldAnswerEachRunsQueueWait() {
        JsonNode runs = client.get("/api/monitors/" + queueWorker + "/runs").body().get("runs");

        Map<String, JsonNode> byId = new LinkedHashMap<>();
        runs.forEach(r -> byId.put(r.get("run_id").asText(), r));
        assertThat(byId.keySet()).containsExactly("still-queued", "waited");
        Instant queued = HOUR.minus(2, ChronoUnit.HOURS);
        assertThat(byId.get("waited").get("queued_at").asText()).isEqualTo(queued.toString());
        assertThat(byId.get("waited").get("queue_wait_ms").asLong())
                .isEqualTo(Duration.ofSeconds(95).plusMillis(250).toMillis());
        assertThat(byId.get("still-queued").get("status").asText()).isEqualTo("pending");
        assertThat(byId.get("still-queued").has("queue_wait_ms")).isFalse();
    }

    @Test
    void shouldAnswer404ForAnUnknownMonitor() {
        UUID unknown = UUID.randomUUID();
        ApiClient.Answer answer = client.get("/api/monitors/" + unknown + "/timeline");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.error()).isEqualTo("There is no monitor " + unknown);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/api/monitors/not-a-uuid/timeline|monitor_id must be a UUID",
            "/api/monitors/{id}/timeline?hours=0|hours must be a whole number from 1 to 168, got '0'",
            "/api/monitors/{id}/timeline?hours=169|hours must be a whole number from 1 to 168, got '169'",
            "/api/monitors/{id}/timeline?hours=day|hours must be a whole number from 1 to 168, got 'day'",
            "/api/monitors/{id}/timeline?hours=-3|hours must be a whole number from 1 to 168, got '-3'",
            "/api/monitors/{id}/timeline?hours=2&hours=3|hours may be given only once",
            "/api/monitors/{id}/timeline?window=6|Unknown parameter 'window'"})
    void shouldAnswer400NamingTheBadParameter(String path, String error) {
        ApiClient.Answer answer = client.get(path.replace("{id}", hourly.toString()));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error()).startsWith(error);
    }
}
