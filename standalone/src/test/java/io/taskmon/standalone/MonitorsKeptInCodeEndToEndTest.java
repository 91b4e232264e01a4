package io.taskmon.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskmon.events.EventJson;
import io.taskmon.events.MonitorId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Monitors kept in code, end to end on a real broker and PostgreSQL through the HTTP API only:
 * a monitor created ahead of its first run is judged by its schedule (MISSED when no run comes),
 * its configuration can be replaced, and a delete removes it with its history through Kafka, so
 * no MISSED follows and a later report creates it afresh.
 */
class MonitorsKeptInCodeEndToEndTest {

    private static final String KEY = "kept-in-code-key";
    /** Interval 10 s + grace 5 s, then the settle period and a tick or two: well inside this. */
    private static final Duration MISSED_WAIT = Duration.ofSeconds(45);
    private static final String[] HISTORY_TABLES = {"task_runs", "monitor_flips", "alerts", "monitor_stats_hourly"};
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldMissACreatedMonitorThatNeverRunsAndForgetItWhenDeleted() throws Exception {
        // A short settle period: the default 60 s waits for spooled reports after an outage,
        // which this test has none of.
        StandaloneSettings settings = TestHomes.settings("taskmon-kept-in-code", KEY, "TASKMON_CLOCK_SETTLE", "2s",
                "TASKMON_HTTP_THREADS", "1", "TASKMON_STREAM_THREADS", "1", "TASKMON_PARTITIONS", "1");
        UUID silent = MonitorId.of("nightly_export", "python", "ETL-01");

        try (StandaloneRuntime runtime = StandaloneRuntime.start(settings, (key, path) -> { })) {
            assertThat(runtime.awaitHealthy(Duration.ofSeconds(60))).as("down: %s", runtime.downComponents()).isTrue();
            URI base = runtime.baseUrl();

            Instant createdAt = Instant.now();
            HttpResponse<String> created = send(base, "POST", "/api/monitors", """
                    {"task_key":"nightly_export","task_name":"Nightly export","kind":"python",
                     "machine_name":"ETL-01","monitor_config":{"interval_seconds":10,"grace_seconds":5},
                     "labels":{"team":"data"}}""");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(EventJson.mapper().readTree(created.body()).get("monitor_id").asText())
                    .isEqualTo(silent.toString());

            await().atMost(Duration.ofSeconds(8)).until(() -> get(base, "/api/monitors/" + silent).statusCode() == 200);
            JsonNode shown = json(get(base, "/api/monitors/" + silent));
            assertThat(shown.get("task_name").asText()).isEqualTo("Nightly export");
            assertThat(shown.get("health").asText()).isEqualTo("new");
            assertThat(shown.has("last_status")).isFalse();
            assertThat(shown.get("total_runs").asLong()).isZero();
            assertThat(shown.get("labels").get("team").asText()).isEqualTo("data");
            Instant expectedAt = Instant.parse(shown.get("next_expected_at").asText());
            assertThat(expectedAt).isBetween(createdAt.plusSeconds(10), Instant.now().plusSeconds(10));

            await().atMost(MISSED_WAIT).untilAsserted(() -> {
                JsonNode incidents = json(get(base, "/api/incidents"));
                assertThat(incidents.get("count").asLong()).isEqualTo(1);
                // path, not get: the list and its count are two queries, and the monitor may turn
                // missed between them; a missing row is an assertion to retry, not an error.
                JsonNode incident = incidents.path("incidents").path(0);
                assertThat(incident.path("monitor_id").asText()).isEqualTo(silent.toString());
                assertThat(incident.path("health").asText()).isEqualTo("missed");
                assertThat(incident.path("alert_state").asText()).isEqualTo("alerting");
            });
            JsonNode missed = json(get(base, "/api/alerts")).get("alerts").get(0);
            assertThat(missed.get("alert_type").asText()).isEqualTo("MISSED");
            assertThat(missed.get("monitor_id").asText()).isEqualTo(silent.toString());
            assertThat(Instant.parse(missed.get("first_failure_at").asText())).isEqualTo(expectedAt.plusSeconds(5));

            HttpResponse<String> configured = send(base, "PUT", "/api/monitors/" + silent + "/config",
                    "{\"monitor_config\":{\"cron\":\"0 3 * * *\",\"grace_seconds\":600}}");
            assertThat(configured.statusCode()).as(configured.body()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode monitor = json(get(base, "/api/monitors/" + silent));
                assertThat(monitor.path("monitor_config").path("cron").asText()).isEqualTo("0 3 * * *");
                Instant next = Instant.parse(monitor.get("next_expected_at").asText());
                assertThat(next).isAfter(Instant.now());
                assertThat(next.atOffset(ZoneOffset.UTC).toLocalTime()).isEqualTo(LocalTime.of(3, 0));
            });

            HttpResponse<String> deleted = send(base, "DELETE", "/api/monitors/" + silent, null);
            assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(get(base, "/api/monitors/" + silent).statusCode()).isEqualTo(404);
                assertThat(rowsOf(runtime.jdbcUrl(), silent)).isZero();
                assertThat(json(get(base, "/api/incidents")).get("count").asLong()).isZero();
            });

            // A report for the same task creates it afresh: one run, nothing of its old history.
            HttpResponse<String> report = send(base, "POST", "/api/monitor/report", """
                    {"task_key":"nightly_export","task_name":"Nightly export","kind":"python",
                     "machine_name":"ETL-01","status":"success","exit_code":0}""");
            assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode afresh = json(get(base, "/api/monitors/" + silent));
                assertThat(afresh.path("total_runs").asLong()).isEqualTo(1);
                assertThat(afresh.path("health").asText()).isEqualTo("up");
                assertThat(afresh.has("monitor_config")).isFalse();
            });
            assertThat(count(runtime.jdbcUrl(), "alerts", silent)).isZero();
        }
    }

    @Test
    void shouldRaiseNoMissedForAMonitorDeletedBeforeItsDeadline() throws Exception {
        StandaloneSettings settings = TestHomes.settings("taskmon-deleted-early", KEY, "TASKMON_CLOCK_SETTLE", "2s",
                "TASKMON_HTTP_THREADS", "1", "TASKMON_STREAM_THREADS", "1", "TASKMON_PARTITIONS", "1");
        UUID deleted = MonitorId.of("short_lived", "shell", null);

        try (StandaloneRuntime runtime = StandaloneRuntime.start(settings, (key, path) -> { })) {
            assertThat(runtime.awaitHealthy(Duration.ofSeconds(60))).as("down: %s", runtime.downComponents()).isTrue();
            URI base = runtime.baseUrl();

            Instant createdAt = Instant.now();
            assertThat(send(base, "POST", "/api/monitors", """
                    {"task_key":"short_lived","task_name":"Short lived","kind":"shell",
                     "monitor_config":{"interval_seconds":10,"grace_seconds":5}}""").statusCode()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(10)).until(() -> get(base, "/api/monitors/" + deleted).statusCode() == 200);
            assertThat(send(base, "DELETE", "/api/monitors/" + deleted, null).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> get(base, "/api/monitors/" + deleted).statusCode() == 404);
            assertThat(Instant.now()).as("deleted before its deadline, so the check below means something")
                    .isBefore(createdAt.plusSeconds(15));

            // Its deadline (created + 15 s) and the settle period pass: nothing is raised or stored.
            await().during(Duration.ofSeconds(25)).atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(json(get(base, "/api/alerts?state=all")).get("alerts")).isEmpty();
                assertThat(rowsOf(runtime.jdbcUrl(), deleted)).isZero();
            });
        }
    }

    private HttpResponse<String> send(URI base, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + KEY)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(URI base, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonNode json(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return EventJson.mapper().readTree(answer.body());
    }

    private static long rowsOf(String jdbcUrl, UUID monitorId) throws Exception {
        long rows = countWhere(jdbcUrl, "select count(*) from taskmon.task_monitors where id = ?", monitorId);
        for (String table : HISTORY_TABLES) {
            rows += count(jdbcUrl, table, monitorId);
        }
        return rows;
    }

    private static long count(String jdbcUrl, String table, UUID monitorId) throws Exception {
        return countWhere(jdbcUrl, "select count(*) from taskmon." + table + " where monitor_id = ?", monitorId);
    }

    private static long countWhere(String jdbcUrl, String sql, UUID monitorId) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, monitorId);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
