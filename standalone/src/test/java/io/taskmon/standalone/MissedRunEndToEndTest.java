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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The dead man's switch end to end on a real broker, through the HTTP API only: a monitor that
 * reported once with an interval schedule and then goes silent is MISSED once the gateway's clock
 * ticks pass its deadline, shows in the incidents, and its next run brings RECOVERED.
 */
class MissedRunEndToEndTest {

    private static final String KEY = "missed-e2e-key";
    /** Interval 10 s + grace 5 s, then the settle period and a tick or two: well inside this. */
    private static final Duration MISSED_WAIT = Duration.ofSeconds(45);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldRaiseMissedForASilentIntervalMonitorAndRecoverWhenItRunsAgain() throws Exception {
        // A short settle period: the default 60 s waits for spooled reports after an outage,
        // which this test has none of.
        StandaloneSettings settings = TestHomes.settings("taskmon-missed", KEY, "TASKMON_CLOCK_SETTLE", "2s",
                "TASKMON_HTTP_THREADS", "1", "TASKMON_STREAM_THREADS", "1", "TASKMON_PARTITIONS", "1");
        UUID monitorId = MonitorId.of("hourly_backup", "shell", "NAS-01");

        try (StandaloneRuntime runtime = StandaloneRuntime.start(settings, (key, path) -> { })) {
            assertThat(runtime.awaitHealthy(Duration.ofSeconds(60))).as("down: %s", runtime.downComponents()).isTrue();
            URI base = runtime.baseUrl();

            Instant firstStart = Instant.now();
            HttpResponse<String> accepted = report(base, run(firstStart));
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);

            await().atMost(MISSED_WAIT).untilAsserted(() ->
                    assertThat(alertTypes(base)).containsExactly("MISSED"));
            JsonNode missed = openAlerts(base).get(0);
            assertThat(missed.get("monitor_id").asText()).isEqualTo(monitorId.toString());
            assertThat(missed.get("summary").asText()).contains("missed its run");
            // The deadline is the expected start (first start + 10 s) plus the grace (5 s).
            assertThat(Instant.parse(missed.get("first_failure_at").asText()))
                    .isBetween(firstStart.plusSeconds(14), firstStart.plusSeconds(16));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode incidents = json(get(base.resolve("/api/incidents")));
                assertThat(incidents.get("count").asLong()).isEqualTo(1);
                JsonNode incident = incidents.get("incidents").get(0);
                assertThat(incident.get("monitor_id").asText()).isEqualTo(monitorId.toString());
                assertThat(incident.get("health").asText()).isEqualTo("missed");
                assertThat(incident.get("alert_state").asText()).isEqualTo("alerting");
                assertThat(incident.get("monitor_config").get("interval_seconds").asLong()).isEqualTo(10);
                assertThat(Instant.parse(incident.get("expected_at").asText())).isAfter(firstStart.plusSeconds(9));
            });
            assertThat(stored(runtime.jdbcUrl(), "select string_agg(alert_type, ',') from taskmon.alerts"
                    + " where monitor_id = ?", monitorId)).isEqualTo("MISSED");

            assertThat(report(base, run(Instant.now())).statusCode()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(alertTypes(base)).as("the MISSED alert is resolved").isEmpty();
                assertThat(json(get(base.resolve("/api/incidents"))).get("count").asLong()).isZero();
                assertThat(stored(runtime.jdbcUrl(), "select string_agg(alert_type, ',' order by raised_at)"
                        + " from taskmon.alerts where monitor_id = ?", monitorId)).isEqualTo("MISSED,RECOVERED");
                assertThat(stored(runtime.jdbcUrl(), "select health from taskmon.task_monitors where id = ?",
                        monitorId)).isIn("up", "running");
            });
            JsonNode all = json(get(base.resolve("/api/alerts?state=all&monitor_id=" + monitorId)));
            List<String> types = new ArrayList<>();
            all.get("alerts").forEach(a -> types.add(a.get("alert_type").asText()));
            assertThat(types).containsExactlyInAnyOrder("MISSED", "RECOVERED");
        }
    }

    private static String run(Instant startedAt) {
        return """
                {"task_key":"hourly_backup","task_name":"Hourly backup","kind":"shell","machine_name":"NAS-01",
                 "status":"success","exit_code":0,"started_at":"%s","finished_at":"%s",
                 "monitor_config":{"interval_seconds":10,"grace_seconds":5}}""".formatted(startedAt,
                startedAt.plusMillis(200));
    }

    private List<String> alertTypes(URI base) throws Exception {
        List<String> types = new ArrayList<>();
        openAlerts(base).forEach(a -> types.add(a.get("alert_type").asText()));
        return types;
    }

    private JsonNode openAlerts(URI base) throws Exception {
        return json(get(base.resolve("/api/alerts"))).get("alerts");
    }

    private HttpResponse<String> report(URI base, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve("/api/monitor/report"))
                        .header("Content-Type", "application/json")
                        .header("X-TC-Portal-Secret", KEY)
                        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonNode json(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return EventJson.mapper().readTree(answer.body());
    }

    private static String stored(String jdbcUrl, String sql, UUID monitorId) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, monitorId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
