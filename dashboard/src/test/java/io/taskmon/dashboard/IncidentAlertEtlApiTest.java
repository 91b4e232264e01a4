package io.taskmon.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Incidents, alerts and ETL jobs over real HTTP against the real read model schema. */
class IncidentAlertEtlApiTest {

    // Whole microseconds, as PostgreSQL keeps them: it rounds a finer time, which a truncating assertion would not expect.
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);
    private static ReadModelSeed seed;
    private static DashboardServer dashboard;
    private static ApiClient client;
    private static UUID nightly;
    private static UUID taxSync;
    private static UUID openAlert;
    private static UUID resolvedAlert;
    private static UUID runningJob;
    private static UUID failedJob;
    private static UUID successfulJob;

    @BeforeAll
    static void seedAndStart() {
        seed = new ReadModelSeed("incident_api");
        nightly = seed.monitor("nightly_import", "ナイトリー取込", "bat", "WEB-01")
                .failing(2, "取込失敗", NOW.minusSeconds(300)).insert();
        taxSync = seed.monitor("tax_sync", "税务同步", "python", "SRV-CN")
                .failing(1, "同步失败", NOW.minusSeconds(60)).insert();
        seed.monitor("old_job", "Old job", "shell", null).failing(127, "gone", NOW.minusSeconds(10)).disabled().insert();
        seed.monitor("daily_sync", "日次同期", "python", "WEB-01").insert();
        seed.monitor("first_run", "First run", "celery", null).health("new", "failed").insert();

        openAlert = seed.alert(nightly, "FAILING", "nightly_import failed 3 times in a row", NOW.minusSeconds(200), null);
        resolvedAlert = seed.alert(taxSync, "FAILING", "tax_sync failed 3 times in a row", NOW.minusSeconds(5000),
                NOW.minusSeconds(4000));
        seed.alert(taxSync, "RECOVERED", "tax_sync recovered", NOW.minusSeconds(4000), null);
        seed.delivery(openAlert, "ops-mail", "delivered", 1, null, NOW.minusSeconds(199), NOW.minusSeconds(199));
        seed.delivery(openAlert, "ops-teams", "retrying", 2, "HTTP 502 from contoso.webhook.office.com", null,
                NOW.minusSeconds(100));
        seed.delivery(openAlert, "pager", "failed", 7, "HTTP 400 from events.pagerduty.com", null, NOW.minusSeconds(50));

        runningJob = seed.job("tax-registration import", "running", NOW.minusSeconds(120), null, 250_000, 249_000,
                1_000, 2_083.3, 100_000_000L, 25_000_000L, null);
        failedJob = seed.job("tax-registration import", "failed", NOW.minusSeconds(90_000), NOW.minusSeconds(86_400),
                10_000, 9_000, 1_000, 1_500, null, null, "source answered 503 five times");
        successfulJob = seed.job("county list", "success", NOW.minusSeconds(7200), NOW.minusSeconds(7000), 3_000,
                3_000, 0, 15, 1_000L, 1_000L, null);
        for (int batch = 1; batch <= 3; batch++) {
            seed.batch(runningJob, batch, "completed", 1000, 990, 10);
        }
        seed.batch(runningJob, 4, "failed", 1000, 0, 0);
        seed.importError(runningJob, 1, 17, "INVALID_BAN", "BAN must have 9 digits", "12345,株式会社テスト");
        seed.importError(runningJob, 1, 3, "MISSING_FIELD", "county is empty", "99,");
        seed.importError(runningJob, 2, 1005, "INVALID_BAN", "BAN must have 9 digits", "x,y");

        dashboard = new DashboardServer(seed, Map.of());
        client = dashboard.client;
    }

    @AfterAll
    static void stop() {
        dashboard.close();
        seed.close();
    }

    @Test
    void shouldListFailingEnabledMonitorsLatestFailureFirstWithTheBadgeCount() {
        JsonNode answer = client.get("/api/incidents").body();

        assertThat(answer.get("count").asLong()).isEqualTo(2);
        assertThat(answer.get("incidents")).extracting(m -> m.get("task_key").asText())
                .containsExactly("tax_sync", "nightly_import");
        JsonNode first = answer.get("incidents").get(0);
        assertThat(first.get("task_name").asText()).isEqualTo("税务同步");
        assertThat(first.get("kind").asText()).isEqualTo("python");
        assertThat(first.get("machine_name").asText()).isEqualTo("SRV-CN");
        assertThat(first.get("last_status").asText()).isEqualTo("failed");
        assertThat(first.get("last_exit_code").asInt()).isEqualTo(1);
        assertThat(first.get("last_message").asText()).isEqualTo("同步失败");
        assertThat(first.has("last_finished_at")).isTrue();

        JsonNode page = client.get("/api/incidents?limit=1&offset=1").body();
        assertThat(page.get("count").asLong()).as("the count ignores paging").isEqualTo(2);
        assertThat(page.get("incidents")).extracting(m -> m.get("task_key").asText()).containsExactly("nightly_import");
    }

    @Test
    void shouldDropAMonitorFromTheIncidentsWhenItIsDisabledOrRecovers() {
        seed.monitor("flaky_export", "Flaky export", "shell", "WEB-09").failing(1, "boom", NOW).insert();
        assertThat(client.get("/api/incidents").body().get("count").asLong()).isEqualTo(3);

        seed.execute("update taskmon.task_monitors set enabled = false where task_key = 'flaky_export'");
        assertThat(client.get("/api/incidents").body().get("count").asLong()).isEqualTo(2);

        seed.execute("update taskmon.task_monitors set enabled = true, health = 'up', last_status = 'success'"
                + " where task_key = 'flaky_export'");
        JsonNode answer = client.get("/api/incidents").body();
        assertThat(answer.get("count").asLong()).isEqualTo(2);
        assertThat(answer.get("incidents")).extracting(m -> m.get("task_key").asText())
                .containsExactly("tax_sync", "nightly_import");
    }

    @Test
    void shouldListMissedAndTimedOutMonitorsWithTheExpectedRunAndHowLongTheRunIsGoing() {
        Instant expected = NOW.plusSeconds(1800).truncatedTo(ChronoUnit.SECONDS);
        UUID missed = seed.monitor("hourly_backup", "Hourly backup", "shell", "NAS-01").finishedAt(NOW.minusSeconds(120))
                .health("missed", "success").schedule("{\"interval_seconds\": 3600, \"grace_seconds\": 300}", expected)
                .insert();
        UUID timedOut = seed.monitor("long_report", "Long report", "python", "BI-01").finishedAt(NOW.minusSeconds(30))
                .health("timeout", "running").schedule("{\"cron\": \"0 * * * *\", \"timezone\": \"Asia/Taipei\","
                        + " \"max_runtime_seconds\": 600}", NOW.plusSeconds(600)).insert();
        seed.execute("update taskmon.task_monitors set last_started_at = now() - interval '20 minutes'"
                + " where task_key = 'long_report'");
        try {
            JsonNode answer = client.get("/api/incidents").body();

            assertThat(answer.get("count").asLong()).isEqualTo(4);
            assertThat(answer.get("incidents")).extracting(m -> m.get("task_key").asText() + " " + m.get("health").asText())
                    .containsExactly("long_report timeout", "tax_sync failing", "hourly_backup missed",
                            "nightly_import failing");
            JsonNode longReport = answer.get("incidents").get(0);
            assertThat(longReport.get("monitor_id").asText()).isEqualTo(timedOut.toString());
            assertThat(longReport.get("running_for_ms").asLong()).isBetween(1_195_000L, 1_300_000L);
            assertThat(longReport.has("expected_at")).isFalse();
            assertThat(longReport.get("monitor_config").get("max_runtime_seconds").asLong()).isEqualTo(600);
            JsonNode backup = answer.get("incidents").get(2);
            assertThat(Instant.parse(backup.get("expected_at").asText())).isEqualTo(expected);
            assertThat(Instant.parse(backup.get("next_expected_at").asText())).isEqualTo(expected);
            assertThat(backup.has("running_for_ms")).isFalse();
            JsonNode failing = answer.get("incidents").get(1);
            assertThat(failing.has("monitor_config")).as("no configuration, no field").isFalse();
            assertThat(failing.has("expected_at")).isFalse();

            JsonNode monitor = client.get("/api/monitors/" + missed).body();
            assertThat(monitor.get("monitor_config").get("interval_seconds").asLong()).isEqualTo(3600);
            assertThat(monitor.get("monitor_config").get("grace_seconds").asLong()).isEqualTo(300);
            assertThat(Instant.parse(monitor.get("next_expected_at").asText())).isEqualTo(expected);
        } finally {
            seed.execute("delete from taskmon.task_monitors where task_key in ('hourly_backup', 'long_report')");
        }
    }

    @Test
    void shouldListOpenAlertsByDefaultAndAllOnRequest() {
        JsonNode open = client.get("/api/alerts").body();
        assertThat(open.get("state").asText()).isEqualTo("open");
        assertThat(open.get("alerts")).extracting(a -> a.get("alert_id").asText()).containsExactly(openAlert.toString());
        assertThat(open.get("open_count").asLong()).isEqualTo(1);
        assertThat(open.get("alerts").get(0).get("summary").asText()).isEqualTo("nightly_import failed 3 times in a row");
        assertThat(open.get("alerts").get(0).get("task_name").asText()).isEqualTo("ナイトリー取込");

        JsonNode all = client.get("/api/alerts?state=all").body();
        assertThat(all.get("alerts")).extracting(a -> a.get("alert_type").asText())
                .containsExactly("FAILING", "RECOVERED", "FAILING");
        assertThat(all.get("alerts").get(2).get("alert_id").asText()).isEqualTo(resolvedAlert.toString());
        assertThat(all.get("alerts").get(2).has("resolved_at")).isTrue();

        JsonNode ofTaxSync = client.get("/api/alerts?state=all&monitor_id=" + taxSync).body();
        assertThat(ofTaxSync.get("alerts")).hasSize(2);
        assertThat(ofTaxSync.get("open_count").asLong()).isZero();
    }

    @Test
    void shouldAnswerOneAlertWithWhereItWentAndWhen() {
        ApiClient.Answer answer = client.get("/api/alerts/" + openAlert);

        assertThat(answer.status()).isEqualTo(200);
        JsonNode alert = answer.body().get("alert");
        assertThat(alert.get("alert_id").asText()).isEqualTo(openAlert.toString());
        assertThat(alert.get("task_name").asText()).isEqualTo("ナイトリー取込");
        JsonNode deliveries = answer.body().get("deliveries");
        assertThat(deliveries).extracting(d -> d.get("channel_name").asText())
                .containsExactly("ops-mail", "ops-teams", "pager");
        assertThat(deliveries).extracting(d -> d.get("status").asText()).containsExactly("delivered", "retrying", "failed");
        assertThat(deliveries).extracting(d -> d.get("attempts").asInt()).containsExactly(1, 2, 7);
        assertThat(Instant.parse(deliveries.get(0).get("sent_at").asText()))
                .isEqualTo(NOW.minusSeconds(199).truncatedTo(ChronoUnit.MICROS));
        assertThat(deliveries.get(0).has("last_error")).isFalse();
        assertThat(deliveries.get(1).get("last_error").asText()).isEqualTo("HTTP 502 from contoso.webhook.office.com");
        assertThat(deliveries.get(1).has("sent_at")).isFalse();
        assertThat(Instant.parse(deliveries.get(1).get("next_attempt_at").asText()))
                .isEqualTo(NOW.minusSeconds(70).truncatedTo(ChronoUnit.MICROS));
        assertThat(Instant.parse(deliveries.get(2).get("updated_at").asText()))
                .isEqualTo(NOW.minusSeconds(50).truncatedTo(ChronoUnit.MICROS));

        JsonNode undelivered = client.get("/api/alerts/" + resolvedAlert).body();
        assertThat(undelivered.get("deliveries")).isEmpty();
    }

    @Test
    void shouldAnswer404ForAnUnknownAlert() {
        UUID unknown = UUID.randomUUID();
        ApiClient.Answer answer = client.get("/api/alerts/" + unknown);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.error()).isEqualTo("There is no alert " + unknown);
    }

    @Test
    void shouldListEtlJobsRunningFirstWithProgress() {
        JsonNode jobs = client.get("/api/etl/jobs").body().get("jobs");

        assertThat(jobs).extracting(j -> j.get("job_run_id").asText())
                .containsExactly(runningJob.toString(), successfulJob.toString(), failedJob.toString());
        JsonNode running = jobs.get(0);
        assertThat(running.get("status").asText()).isEqualTo("running");
        assertThat(running.get("percent_done").asDouble()).isEqualTo(25.0);
        assertThat(running.get("rows_per_second").asDouble()).isEqualTo(2_083.3);
        assertThat(running.get("rows_read").asLong()).isEqualTo(250_000);
        assertThat(jobs.get(2).get("error_message").asText()).isEqualTo("source answered 503 five times");
        assertThat(jobs.get(2).has("percent_done")).as("size unknown").isFalse();

        assertThat(client.get("/api/etl/jobs?status=failed").body().get("jobs"))
                .extracting(j -> j.get("job_run_id").asText()).containsExactly(failedJob.toString());
    }

    @Test
    void shouldCallASuccessfulEtlRunSuccessAndStillFilterByTheOldSpelling() {
        JsonNode listed = client.get("/api/etl/jobs").body().get("jobs").get(1);
        assertThat(listed.get("job_run_id").asText()).isEqualTo(successfulJob.toString());
        assertThat(listed.get("status").asText()).isEqualTo("success");
        assertThat(client.get("/api/etl/jobs/" + successfulJob).body().get("job").get("status").asText())
                .isEqualTo("success");

        for (String spelling : List.of("success", "SUCCESS", "succeeded")) {
            JsonNode jobs = client.get("/api/etl/jobs?status=" + spelling).body().get("jobs");
            assertThat(jobs).as(spelling).extracting(j -> j.get("job_run_id").asText() + "=" + j.get("status").asText())
                    .containsExactly(successfulJob + "=success");
        }
    }

    @Test
    void shouldShowOneEtlJobWithBatchesAndImportErrors() {
        JsonNode detail = client.get("/api/etl/jobs/" + runningJob).body();

        assertThat(detail.get("job").get("job_name").asText()).isEqualTo("tax-registration import");
        assertThat(detail.get("batches")).extracting(b -> b.get("batch_number").asLong()).containsExactly(4L, 3L, 2L, 1L);
        assertThat(detail.get("batches").get(0).get("status").asText()).isEqualTo("failed");
        assertThat(detail.get("import_error_total").asLong()).isEqualTo(3);
        assertThat(detail.get("import_error_counts")).extracting(c -> c.get("error_type").asText() + "=" + c.get("count"))
                .containsExactly("INVALID_BAN=2", "MISSING_FIELD=1");
        assertThat(detail.get("import_errors")).extracting(e -> e.get("line_number").asLong())
                .containsExactly(3L, 17L, 1005L);
        assertThat(detail.get("import_errors").get(1).get("raw_data").asText()).isEqualTo("12345,株式会社テスト");

        JsonNode limited = client.get("/api/etl/jobs/" + runningJob + "?batches_limit=1&errors_limit=1&errors_offset=1").body();
        assertThat(limited.get("batches")).hasSize(1);
        assertThat(limited.get("import_errors")).extracting(e -> e.get("line_number").asLong()).containsExactly(17L);
        assertThat(limited.get("import_error_total").asLong()).isEqualTo(3);
    }

    @Test
    void shouldAnswer404ForAnUnknownJob() {
        UUID unknown = UUID.randomUUID();
        ApiClient.Answer answer = client.get("/api/etl/jobs/" + unknown);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.error()).isEqualTo("There is no ETL job run " + unknown);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/api/incidents?limit=0|limit must be a whole number from 1 to 1000",
            "/api/incidents?limit=1001|limit must be a whole number from 1 to 1000",
            "/api/incidents?offset=-1|offset must be a whole number from 0 to 100000",
            "/api/incidents?status=failing|Unknown parameter 'status'",
            "/api/alerts?state=closed|state must be one of open, all, got 'closed'",
            "/api/alerts?monitor_id=42|monitor_id must be a UUID",
            "/api/alerts?limit=-1|limit must be a whole number from 1 to 200",
            "/api/alerts/not-an-id|alert_id must be a UUID",
            "/api/alerts/{alert}?state=all|Unknown parameter 'state': this endpoint takes no parameters",
            "/api/etl/jobs?status=done|status must be one of running, stalled, success, failed, got 'done'",
            "/api/etl/jobs?offset=-3|offset must be a whole number from 0 to 100000",
            "/api/etl/jobs/zzz|job_run_id must be a UUID",
            "/api/etl/jobs/{job}?errors_limit=0|errors_limit must be a whole number from 1 to 1000",
            "/api/etl/jobs/{job}?batches_limit=5000|batches_limit must be a whole number from 1 to 1000",
            "/api/etl/jobs/{job}?errors_offset=-1|errors_offset must be a whole number from 0 to 100000"})
    void shouldAnswer400NamingTheBadParameter(String path, String errorStart) {
        ApiClient.Answer answer = client.get(path.replace("{job}", runningJob.toString())
                .replace("{alert}", openAlert.toString()));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error()).startsWith(errorStart);
    }

    @Test
    void shouldAnswerUnknownPathsAndMethodsInTheErrorShape() {
        ApiClient.Answer unknown = client.get("/api/nothing-here");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).isEqualTo("There is no endpoint at GET /api/nothing-here");

        ApiClient.Answer wrongMethod = client.put("/api/incidents", "{}");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.error()).isEqualTo("Method PUT is not allowed on /api/incidents");
    }
}
