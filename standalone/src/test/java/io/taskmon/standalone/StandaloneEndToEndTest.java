package io.taskmon.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskmon.events.MonitorId;
import io.taskmon.events.Topics;
import io.taskmon.config.RuntimeEndpoints;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton end to end, as a user runs it: a report posted over HTTP travels
 * gateway -> Kafka -> monitor-streams -> projector and appears in PostgreSQL; after a restart
 * on the same TASKMON_HOME the data is still there and the streak goes on where it stopped.
 */
class StandaloneEndToEndTest {

    private static final String KEY = "e2e-key";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldLandAReportedRunInPostgresAndKeepItAcrossARestart() throws Exception {
        StandaloneSettings settings = TestHomes.settings("taskmon-home", KEY,
                "TASKMON_HTTP_THREADS", "1", "TASKMON_STREAM_THREADS", "2", "TASKMON_PARTITIONS", "2");
        Path home = settings.home();
        UUID monitorId = MonitorId.of("nightly_import", "bat", "WEB-01");
        String failedRun = """
                {"task_key":"nightly_import","task_name":"ナイトリー取込","kind":"bat","status":"failed",
                 "exit_code":1,"message":"取込失敗","machine_name":"WEB-01",
                 "started_at":"2026-11-01T02:00:00Z","finished_at":"2026-11-01T02:05:00Z"}""";

        try (StandaloneRuntime runtime = StandaloneRuntime.start(settings, (key, path) -> { })) {
            assertThat(runtime.awaitHealthy(Duration.ofSeconds(60))).as("down: %s", runtime.downComponents()).isTrue();
            HttpResponse<String> health = get(runtime.baseUrl().resolve("/health"));
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"broker\":\"UP\"", "\"database\":\"UP\"",
                    "\"streams\":\"UP\"", "\"projector\":\"UP\"");

            HttpResponse<String> answer = report(runtime.baseUrl(), failedRun);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("\"monitor_id\":\"" + monitorId + "\"");

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(monitorRow(runtime.jdbcUrl(), monitorId)).isEqualTo("failed|1|1|ナイトリー取込"));
            assertThat(runCount(runtime.jdbcUrl(), monitorId)).isEqualTo(1);
            assertThat(runtime.ingestKeyLocation()).isEqualTo("TASKMON_INGEST_KEYS");
            assertThat(RuntimeEndpoints.readFrom(home)).get()
                    .extracting(endpoints -> endpoints.postgres().jdbcUrl()).isEqualTo(runtime.jdbcUrl());
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    RuntimeEndpoints.readFrom(home).orElseThrow().kafkaBootstrapServers()))) {
                assertThat(admin.describeTopics(List.of(Topics.TASK_RUNS.name())).allTopicNames().get()
                        .get(Topics.TASK_RUNS.name()).partitions()).hasSize(2);
            }
            assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                    .anyMatch(name -> name.endsWith("StreamThread-2"))
                    .noneMatch(name -> name.endsWith("StreamThread-3"));
        }
        assertThat(RuntimeEndpoints.readFrom(home)).as("removed on stop").isEmpty();

        try (StandaloneRuntime runtime = StandaloneRuntime.start(settings, (key, path) -> { })) {
            assertThat(runtime.awaitHealthy(Duration.ofSeconds(60))).as("down: %s", runtime.downComponents()).isTrue();
            assertThat(monitorRow(runtime.jdbcUrl(), monitorId)).isEqualTo("failed|1|1|ナイトリー取込");
            assertThat(runCount(runtime.jdbcUrl(), monitorId)).isEqualTo(1);

            assertThat(report(runtime.baseUrl(), failedRun.replace("02:05:00Z", "03:05:00Z")).statusCode()).isEqualTo(200);

            // The streak continues from the state kept before the restart.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(monitorRow(runtime.jdbcUrl(), monitorId)).isEqualTo("failed|2|2|ナイトリー取込"));
            assertThat(runCount(runtime.jdbcUrl(), monitorId)).isEqualTo(2);
        }
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
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String monitorRow(String jdbcUrl, UUID monitorId) throws Exception {
        return queryOne(jdbcUrl, """
                select last_status || '|' || total_runs || '|' || consecutive_failures || '|' || task_name
                  from taskmon.task_monitors where id = ?""", monitorId);
    }

    private static long runCount(String jdbcUrl, UUID monitorId) throws Exception {
        return Long.parseLong(queryOne(jdbcUrl, "select count(*) from taskmon.task_runs where monitor_id = ?", monitorId));
    }

    private static String queryOne(String jdbcUrl, String sql, UUID monitorId) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, monitorId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
