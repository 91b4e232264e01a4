package io.taskmon.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A client that retries (its answer was lost, say) sends the same report again with the same
 * event_id. Through the real gateway, Kafka and projector, that is one run in PostgreSQL, also
 * when the copy comes in a batch; and a running signal is closed by its finish in place.
 */
class ReportRetryEndToEndTest {

    private static final String KEY = "retry-key";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldKeepOneRunRowWhenTheSameReportArrivesAgain() throws Exception {
        StandaloneSettings settings = TestHomes.settings("taskmon-retry", KEY);
        UUID monitorId = MonitorId.of("daily_sync", "python", "WEB-01");
        UUID eventId = UUID.randomUUID();
        String report = """
                {"task_key":"daily_sync","task_name":"日次同期","kind":"python","status":"success","exit_code":0,
                 "message":"処理完了: 100件","started_at":"2026-01-22T09:00:00Z","finished_at":"2026-01-22T18:05:30+09:00",
                 "machine_name":"WEB-01","event_id":"%s"}""".formatted(eventId);
        String running = """
                {"task_key":"daily_sync","task_name":"日次同期","kind":"python","status":"running","run_id":"run-2",
                 "started_at":"2026-01-23T09:00:00Z","machine_name":"WEB-01"}""";
        String finished = """
                {"task_key":"daily_sync","task_name":"日次同期","kind":"python","status":"failed","exit_code":3,"run_id":"run-2",
                 "started_at":"2026-01-23T09:00:00Z","finished_at":"2026-01-23T09:01:00Z","machine_name":"WEB-01"}""";

        try (StandaloneRuntime runtime = StandaloneRuntime.start(settings, (key, path) -> { })) {
            assertThat(runtime.awaitHealthy(Duration.ofSeconds(60))).as("down: %s", runtime.downComponents()).isTrue();
            URI base = runtime.baseUrl();

            HttpResponse<String> first = post(base, "/api/monitor/report", report);
            HttpResponse<String> retry = post(base, "/api/monitor/report", report);
            HttpResponse<String> retryInBatch = post(base, "/api/monitor/reports", "[" + report + "," + running + "]");
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(retry.statusCode()).isEqualTo(200);
            assertThat(retry.body()).isEqualTo(first.body()).contains("\"event_id\":\"" + eventId + "\"");
            assertThat(retryInBatch.statusCode()).isEqualTo(200);
            assertThat(post(base, "/api/monitor/report", finished).statusCode()).isEqualTo(200);

            // The finish comes after every copy on the monitor's partition: once it is in, all are.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(query(runtime.jdbcUrl(), "select status || '|' || exit_code from taskmon.task_runs"
                            + " where monitor_id = ? and run_id = 'run-2'", monitorId)).isEqualTo("failed|3"));
            assertThat(query(runtime.jdbcUrl(), "select count(*) from taskmon.task_runs where monitor_id = ? and event_id = '"
                    + eventId + "'", monitorId)).isEqualTo("1");
            assertThat(query(runtime.jdbcUrl(), "select count(*) from taskmon.task_runs where monitor_id = ?", monitorId))
                    .as("the retried run once, and the running signal closed in place by its finish").isEqualTo("2");
        }
    }

    private HttpResponse<String> post(URI base, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path))
                        .header("Content-Type", "application/json; charset=utf-8")
                        .header("X-TC-Portal-Secret", KEY)
                        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String query(String jdbcUrl, String sql, UUID monitorId) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, monitorId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
