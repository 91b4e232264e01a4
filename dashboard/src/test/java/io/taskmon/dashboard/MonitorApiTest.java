package io.taskmon.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The monitors API over real HTTP against the real read model schema. */
class MonitorApiTest {

    private static final Instant NOW = Instant.now();
    private static ReadModelSeed seed;
    private static DashboardServer dashboard;
    private static ApiClient client;
    private static UUID nightly;
    private static UUID taxSync;
    private static UUID oldJob;
    private static UUID dailySync;
    private static UUID firstRun;

    @BeforeAll
    static void seedAndStart() {
        seed = new ReadModelSeed("monitor_api");
        nightly = seed.monitor("nightly_import", "ナイトリー取込", "bat", "WEB-01")
                .failing(2, "取込失敗: 接続できません", NOW.minusSeconds(300)).insert();
        taxSync = seed.monitor("tax_sync", "税务同步", "python", "SRV-CN")
                .failing(1, "同步失败", NOW.minusSeconds(1800)).insert();
        oldJob = seed.monitor("old_job", "Old job", "shell", "WEB-02")
                .failing(127, "command not found", NOW.minusSeconds(60)).disabled().insert();
        dailySync = seed.monitor("daily_sync", "日次同期 100%", "python", "WEB-01").insert();
        firstRun = seed.monitor("first_run", "First run", "celery", null).health("new", "running")
                .finishedAt(null).insert();

        for (int i = 0; i < 30; i++) {
            String status = i < 3 ? "failed" : "success";
            seed.run(nightly, "run-" + i, status, NOW.minus(i + 1, ChronoUnit.HOURS), 4000L + i, i < 3 ? 2 : 0,
                    i < 3 ? "取込失敗 " + i : "処理完了: " + i + "件", "https://logs.example/nightly/" + i);
        }
        seed.run(nightly, "run-now", "running", null, null, null, null, null);
        seed.flip(nightly, "new", "up", "first success", NOW.minus(10, ChronoUnit.DAYS));
        seed.flip(nightly, "up", "failing", "3 failures in a row", NOW.minus(3, ChronoUnit.HOURS));

        Instant hour = NOW.truncatedTo(ChronoUnit.HOURS);
        seed.hour(nightly, hour.minus(2, ChronoUnit.HOURS), 4, 0, 20_000, 6_000);
        seed.hour(nightly, hour.minus(1, ChronoUnit.HOURS), 4, 2, 24_000, 9_000);
        seed.hour(nightly, hour, 2, 2, 4_000, 2_500);
        seed.hour(nightly, hour.minus(48, ChronoUnit.HOURS), 10, 0, 10_000, 1_000);

        dashboard = new DashboardServer(seed, Map.of());
        client = dashboard.client;
    }

    @AfterAll
    static void stop() {
        dashboard.close();
        seed.close();
    }

    private static List<String> keys(JsonNode rows) {
        return StreamSupport.stream(rows.spliterator(), false).map(r -> r.get("task_key").asText()).toList();
    }

    @Test
    void shouldListEveryMonitorByKeyWithTheTotal() {
        ApiClient.Answer answer = client.get("/api/monitors");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(keys(answer.body().get("monitors")))
                .containsExactly("daily_sync", "first_run", "nightly_import", "old_job", "tax_sync");
        assertThat(answer.body().get("total").asLong()).isEqualTo(5);
        assertThat(answer.body().get("limit").asInt()).isEqualTo(50);
        JsonNode nightlyRow = answer.body().get("monitors").get(2);
        assertThat(nightlyRow.get("monitor_id").asText()).isEqualTo(nightly.toString());
        assertThat(nightlyRow.get("task_name").asText()).isEqualTo("ナイトリー取込");
        assertThat(nightlyRow.get("health").asText()).isEqualTo("failing");
        assertThat(nightlyRow.get("last_exit_code").asInt()).isEqualTo(2);
        assertThat(nightlyRow.get("last_message").asText()).isEqualTo("取込失敗: 接続できません");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "health=failing|nightly_import,old_job,tax_sync",
            "health=failing&enabled=true|nightly_import,tax_sync",
            "enabled=false|old_job",
            "health=new|first_run",
            "health=UP|daily_sync",
            "health=missed|",
            "health=timeout|",
            "status=failing|nightly_import,old_job,tax_sync",
            "status=failing&enabled=true|nightly_import,tax_sync",
            "status=new|first_run",
            "status=UP|daily_sync",
            "last_status=running|first_run",
            "kind=python|daily_sync,tax_sync",
            "machine=WEB-01|daily_sync,nightly_import",
            "q=取込|nightly_import",
            "q=IMPORT|nightly_import",
            "q=同步|tax_sync",
            "q=%25|daily_sync",
            "q=_|daily_sync,first_run,nightly_import,old_job,tax_sync",
            "q=no-such-thing|",
            "sort=last_run|old_job,nightly_import,daily_sync,tax_sync,first_run",
            "limit=2&offset=2|nightly_import,old_job",
            "kind=python&machine=SRV-CN&health=failing|tax_sync",
            "kind=python&machine=SRV-CN&status=failing|tax_sync"})
    void shouldFilterSortAndPageTheMonitors(String query, String expectedKeys) {
        ApiClient.Answer answer = client.get("/api/monitors?" + query);

        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        List<String> expected = expectedKeys == null ? List.of() : List.of(expectedKeys.split(","));
        assertThat(keys(answer.body().get("monitors"))).containsExactlyElementsOf(expected);
        if (!query.startsWith("limit")) {
            assertThat(answer.body().get("total").asLong()).isEqualTo(expected.size());
        } else {
            assertThat(answer.body().get("total").asLong()).isEqualTo(5);
        }
    }

    @Test
    void shouldShowOneMonitorWithItsFullLatestStatus() {
        ApiClient.Answer answer = client.get("/api/monitors/" + nightly);

        assertThat(answer.status()).isEqualTo(200);
        JsonNode monitor = answer.body();
        assertThat(monitor.get("monitor_id").asText()).isEqualTo(nightly.toString());
        assertThat(monitor.get("task_key").asText()).isEqualTo("nightly_import");
        assertThat(monitor.get("task_name").asText()).isEqualTo("ナイトリー取込");
        assertThat(monitor.get("kind").asText()).isEqualTo("bat");
        assertThat(monitor.get("machine_name").asText()).isEqualTo("WEB-01");
        assertThat(monitor.get("health").asText()).isEqualTo("failing");
        assertThat(monitor.get("last_status").asText()).isEqualTo("failed");
        assertThat(monitor.get("enabled").asBoolean()).isTrue();
        assertThat(monitor.get("consecutive_failures").asInt()).isEqualTo(3);
        assertThat(monitor.get("alert_state").asText()).isEqualTo("alerting");
        assertThat(Instant.parse(monitor.get("last_finished_at").asText()))
                .isCloseTo(NOW.minusSeconds(300), within(1, ChronoUnit.MILLIS));
        assertThat(client.get("/api/monitors/" + firstRun).body().has("machine_name")).as("no machine").isFalse();
    }

    @Test
    void shouldPageTheRunHistoryNewestFirstWithRunningRunsOnTop() {
        JsonNode all = client.get("/api/monitors/" + nightly + "/runs").body();
        assertThat(all.get("runs")).hasSize(31);
        assertThat(all.get("has_more").asBoolean()).isFalse();
        List<String> runIds = StreamSupport.stream(all.get("runs").spliterator(), false)
                .map(r -> r.get("run_id").asText()).toList();
        List<String> expected = new ArrayList<>(List.of("run-now"));
        for (int i = 0; i < 30; i++) {
            expected.add("run-" + i);
        }
        assertThat(runIds).containsExactlyElementsOf(expected);
        JsonNode newestFinished = all.get("runs").get(1);
        assertThat(newestFinished.get("status").asText()).isEqualTo("failed");
        assertThat(newestFinished.get("message").asText()).isEqualTo("取込失敗 0");
        assertThat(newestFinished.get("log_url").asText()).isEqualTo("https://logs.example/nightly/0");
        assertThat(newestFinished.get("exit_code").asInt()).isEqualTo(2);
        assertThat(newestFinished.get("labels").get("county").asText()).isEqualTo("kent");

        JsonNode first = client.get("/api/monitors/" + nightly + "/runs?limit=10").body();
        assertThat(first.get("runs")).hasSize(10);
        assertThat(first.get("has_more").asBoolean()).isTrue();
        JsonNode last = client.get("/api/monitors/" + nightly + "/runs?limit=10&offset=30").body();
        assertThat(last.get("runs")).hasSize(1);
        assertThat(last.get("runs").get(0).get("run_id").asText()).isEqualTo("run-29");
        assertThat(last.get("has_more").asBoolean()).isFalse();

        JsonNode failed = client.get("/api/monitors/" + nightly + "/runs?status=failed").body();
        assertThat(failed.get("runs")).extracting(r -> r.get("run_id").asText())
                .containsExactly("run-0", "run-1", "run-2");
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(client.get("/api/monitors/" + dailySync + "/runs").body().get("runs")).isEmpty();
    }

    @Test
    void shouldListFlipsNewestFirst() {
        JsonNode flips = client.get("/api/monitors/" + nightly + "/flips").body().get("flips");

        assertThat(flips).hasSize(2);
        assertThat(flips.get(0).get("old_health").asText()).isEqualTo("up");
        assertThat(flips.get(0).get("new_health").asText()).isEqualTo("failing");
        assertThat(flips.get(0).get("reason").asText()).isEqualTo("3 failures in a row");
        assertThat(flips.get(1).get("new_health").asText()).isEqualTo("up");
        assertThat(client.get("/api/monitors/" + nightly + "/flips?limit=1").body().get("has_more").asBoolean()).isTrue();
    }

    @Test
    void shouldSumTheHourlyStatsOfTheAskedHours() {
        JsonNode day = client.get("/api/monitors/" + nightly + "/stats?hours=24").body();

        assertThat(day.get("hours").asInt()).isEqualTo(24);
        assertThat(day.get("hourly")).hasSize(3);
        assertThat(day.get("runs").asLong()).isEqualTo(10);
        assertThat(day.get("failures").asLong()).isEqualTo(4);
        assertThat(day.get("success_rate").asDouble()).isEqualTo(0.6);
        assertThat(day.get("avg_duration_ms").asLong()).isEqualTo(4_800);
        assertThat(day.get("max_duration_ms").asLong()).isEqualTo(9_000);
        assertThat(day.get("hourly")).extracting(h -> h.get("success_rate").asDouble()).containsExactly(1.0, 0.5, 0.0);
        assertThat(day.get("hourly")).extracting(h -> h.get("avg_duration_ms").asLong())
                .containsExactly(5_000L, 6_000L, 2_000L);

        JsonNode threeDays = client.get("/api/monitors/" + nightly + "/stats?hours=72").body();
        assertThat(threeDays.get("hourly")).hasSize(4);
        assertThat(threeDays.get("runs").asLong()).isEqualTo(20);
        JsonNode week = client.get("/api/monitors/" + nightly + "/stats").body();
        assertThat(week.get("hours").asInt()).as("default").isEqualTo(168);

        JsonNode none = client.get("/api/monitors/" + dailySync + "/stats?hours=24").body();
        assertThat(none.get("hourly")).isEmpty();
        assertThat(none.get("runs").asLong()).isZero();
        assertThat(none.has("success_rate")).isFalse();
    }

    @Test
    void shouldAnswer404ForAnUnknownMonitorOnEveryPath() {
        UUID unknown = UUID.randomUUID();
        for (String path : List.of("", "/runs", "/flips", "/stats")) {
            ApiClient.Answer answer = client.get("/api/monitors/" + unknown + path);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.error()).as(path).isEqualTo("There is no monitor " + unknown);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/api/monitors/not-a-uuid|monitor_id must be a UUID",
            "/api/monitors/not-a-uuid/runs|monitor_id must be a UUID",
            "/api/monitors/not-a-uuid/flips|monitor_id must be a UUID",
            "/api/monitors/not-a-uuid/stats|monitor_id must be a UUID",
            "/api/monitors/1-1-1-1-1|monitor_id must be a UUID",
            "/api/monitors?limit=0|limit must be a whole number from 1 to 200, got '0'",
            "/api/monitors?limit=201|limit must be a whole number from 1 to 200",
            "/api/monitors?limit=abc|limit must be a whole number from 1 to 200, got 'abc'",
            "/api/monitors?offset=-1|offset must be a whole number from 0 to 100000, got '-1'",
            "/api/monitors?offset=1e3|offset must be a whole number",
            "/api/monitors?health=broken|health must be one of new, up, failing, running, late, missed, timeout, disabled, got 'broken'",
            "/api/monitors?status=broken|status must be one of new, up, failing, running, late, missed, timeout, disabled, got 'broken'",
            "/api/monitors?health=up&status=up|Give health only: status is its deprecated name on /api/monitors",
            "/api/monitors?health=up&health=new|health may be given only once",
            "/api/monitors?last_status=ok|last_status must be one of success, failed, running",
            "/api/monitors?enabled=maybe|enabled must be one of true, false",
            "/api/monitors?kind=Bad%20Kind|kind must be a lower-case slug",
            "/api/monitors?sort=random|sort must be one of key, last_run",
            "/api/monitors?statu=failing|Unknown parameter 'statu'",
            "/api/monitors?limit=5&limit=6|limit may be given only once",
            "/api/monitors/{id}/runs?status=ok|status must be one of success, failed, running, got 'ok'",
            "/api/monitors/{id}/runs?limit=-5|limit must be a whole number from 1 to 500",
            "/api/monitors/{id}/runs?offset=-1|offset must be a whole number from 0 to 100000",
            "/api/monitors/{id}/flips?limit=1000|limit must be a whole number from 1 to 200",
            "/api/monitors/{id}/stats?hours=0|hours must be a whole number from 1 to 2160, got '0'",
            "/api/monitors/{id}/stats?hours=2161|hours must be a whole number from 1 to 2160",
            "/api/monitors/{id}/stats?hours=week|hours must be a whole number",
            "/api/monitors/{id}?verbose=true|Unknown parameter 'verbose': this endpoint takes no parameters"})
    void shouldAnswer400NamingTheBadParameter(String path, String errorStart) {
        ApiClient.Answer answer = client.get(path.replace("{id}", nightly.toString()));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error()).startsWith(errorStart);
    }
}
