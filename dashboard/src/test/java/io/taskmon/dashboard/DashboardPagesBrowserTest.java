package io.taskmon.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * Each page in a real browser against seeded read model rows: what a person sees (the failing
 * row, the badge, the charts drawn, the progress bar), and the incidents page following a new
 * failure without a reload. Screenshots land in target/screenshots.
 */
class DashboardPagesBrowserTest {

    private static final Duration PAGE_WAIT = Duration.ofSeconds(20);
    /** A fixed finish time, to check it is shown in the browser's time zone (Tokyo: 11:05:00). */
    private static final Instant FIXED_FINISH = Instant.parse("2026-11-01T02:05:00Z");
    private static final Instant NOW = Instant.now();

    private static ReadModelSeed seed;
    private static DashboardServer dashboard;
    private static Browser browser;
    private static UUID nightly;
    private static UUID runningJob;
    private static UUID alert;

    @BeforeAll
    static void start() {
        seed = new ReadModelSeed("pages");
        nightly = seed.monitor("nightly_import", "ナイトリー取込", "bat", "WEB-01")
                .failing(2, "取込失敗: 接続できません", NOW.minus(5, ChronoUnit.MINUTES))
                .message("取込失敗: 接続できません", "https://logs.example/nightly/latest").insert();
        seed.monitor("tax_sync", "税务同步", "python", "SRV-CN").failing(1, "同步失败", NOW.minus(2, ChronoUnit.HOURS))
                .insert();
        seed.monitor("daily_sync", "日次同期", "python", "WEB-01").finishedAt(NOW.minus(1, ChronoUnit.MINUTES)).insert();
        seed.monitor("old_job", "Old job", "shell", null).failing(127, "gone", NOW).disabled().insert();

        seed.run(nightly, "fixed", "success", FIXED_FINISH, 3_000L, 0, "処理完了: 100件", "https://logs.example/nightly/fixed");
        for (int i = 0; i < 5; i++) {
            seed.run(nightly, "run-" + i, i < 3 ? "failed" : "success", NOW.minus(i * 20L + 5, ChronoUnit.MINUTES),
                    4_000L + i * 100, i < 3 ? 2 : 0, i < 3 ? "取込失敗 " + i : "処理完了", "https://logs.example/nightly/" + i);
        }
        seed.flip(nightly, "up", "failing", "3 failures in a row", NOW.minus(30, ChronoUnit.MINUTES));
        Instant hour = NOW.truncatedTo(ChronoUnit.HOURS);
        seed.hour(nightly, hour.minus(5, ChronoUnit.HOURS), 6, 0, 24_000, 5_000);
        seed.hour(nightly, hour.minus(3, ChronoUnit.HOURS), 6, 1, 30_000, 7_000);
        seed.hour(nightly, hour.minus(1, ChronoUnit.HOURS), 4, 2, 32_000, 9_000);
        seed.hour(nightly, hour, 2, 2, 20_000, 11_000);
        alert = seed.alert(nightly, "FAILING", "nightly_import failed 3 times in a row", NOW.minus(30, ChronoUnit.MINUTES), null);
        seed.delivery(alert, "ops-mail", "delivered", 1, null, NOW.minus(29, ChronoUnit.MINUTES),
                NOW.minus(29, ChronoUnit.MINUTES));
        seed.delivery(alert, "ops-teams", "failed", 12, "HTTP 502 from contoso.webhook.office.com", null,
                NOW.minus(5, ChronoUnit.MINUTES));

        runningJob = seed.job("tax-registration import", "running", NOW.minus(2, ChronoUnit.MINUTES), null, 250_000,
                249_000, 1_000, 2_083.3, 100_000_000L, 25_000_000L, null);
        seed.batch(runningJob, 1, "completed", 1000, 990, 10);
        seed.importError(runningJob, 1, 17, "INVALID_BAN", "BAN must have 9 digits", "12345,株式会社テスト");
        seed.job("county list", "failed", NOW.minus(1, ChronoUnit.DAYS), NOW.minus(1, ChronoUnit.DAYS).plusSeconds(60),
                10_000, 9_000, 1_000, 150, null, null, "source answered 503 five times");

        seed.deadLetter("taskmon.task-runs.v1", 2, 41, "monitor-streams", "not JSON: Unexpected character ('}')",
                "{\"task_key\":\"nightly_import\"}}", NOW.minus(3, ChronoUnit.HOURS), NOW.minus(1, ChronoUnit.HOURS));
        seed.deadLetter("taskmon.task-runs.v1", 0, 7, "monitor-streams", "status must be success, failed or running",
                "{\"status\":\"done\"}", NOW.minus(2, ChronoUnit.HOURS), null);
        seed.deadLetter("taskmon.alerts.v1", 1, 12, "projector", "the database refused it: value too long",
                "{\"summary\":\"取込失敗\"}", NOW.minus(10, ChronoUnit.MINUTES), null);

        dashboard = new DashboardServer(seed, Map.of());
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        browser.close();
        dashboard.close();
        seed.close();
    }

    private static void open(String path) {
        browser.driver.get(dashboard.uri(path).toString());
    }

    private static List<WebElement> rows(String tableId) {
        return browser.driver.findElements(By.cssSelector("#" + tableId + " tbody tr"));
    }

    private static List<String> cells(WebElement row) {
        return row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
    }

    /** The relative time the page shows for {@code at}, allowing for the poll that drew it a few seconds ago. */
    private static List<String> minutesAgo(Instant at) {
        long now = Math.round(Duration.between(at, Instant.now()).toSeconds() / 60.0);
        return List.of(now + " minutes ago", (now - 1) + " minutes ago");
    }

    private static WebElement badge() {
        return browser.driver.findElement(By.id("incident-badge"));
    }

    @Test
    void shouldShowFailingMonitorsFirstWithTheSeedsColumnsAndTheBadge() {
        open("/incidents");

        await().atMost(PAGE_WAIT).untilAsserted(() -> assertThat(rows("incidents-table")).hasSize(4));
        List<WebElement> rows = rows("incidents-table");
        assertThat(browser.driver.findElements(By.cssSelector("#incidents-table th")))
                .extracting(WebElement::getText)
                .containsExactly("Task key", "Name", "Kind", "Machine", "Status", "Exit code", "Message", "Last run",
                        "Health", "Expected at", "Running for");
        assertThat(cells(rows.get(0))).startsWith("nightly_import", "ナイトリー取込", "bat", "WEB-01", "failed", "2",
                "取込失敗: 接続できません");
        assertThat(cells(rows.get(0)).get(7)).isIn(minutesAgo(NOW.minus(5, ChronoUnit.MINUTES)));
        assertThat(rows.get(0).getAttribute("class")).isEqualTo("failing");
        assertThat(cells(rows.get(1))).containsExactly("tax_sync", "税务同步", "python", "SRV-CN", "failed", "1",
                "同步失败", "2 hours ago", "failing", "", "");
        assertThat(rows.get(0).findElements(By.tagName("td")).get(7).getAttribute("title"))
                .as("the exact time on hover").isNotBlank();
        assertThat(rows.get(1).getAttribute("class")).isEqualTo("failing");
        // The rest follow, latest run first; a disabled monitor is no incident.
        assertThat(cells(rows.get(2)).subList(0, 5)).containsExactly("old_job", "Old job", "shell", "", "failed disabled");
        assertThat(rows.get(2).getAttribute("class")).isNotEqualTo("failing");
        assertThat(cells(rows.get(3)).subList(0, 5)).containsExactly("daily_sync", "日次同期", "python", "WEB-01", "success");
        assertThat(rows.get(3).getAttribute("class")).isNotEqualTo("failing");
        assertThat(badge().isDisplayed()).isTrue();
        assertThat(badge().getText()).isEqualTo("2");
        browser.screenshot("incidents");
    }

    @Test
    void shouldFollowANewFailureOnTheIncidentsPageWithoutAReload() {
        open("/incidents");
        await().atMost(PAGE_WAIT).untilAsserted(() -> assertThat(badge().getText()).isEqualTo("2"));
        ((JavascriptExecutor) browser.driver).executeScript("window.sameDocument = true;");

        seed.monitor("payroll_export", "給与データ出力", "python", "HR-PC").failing(3, "ディスクがいっぱいです", Instant.now())
                .insert();

        await().atMost(PAGE_WAIT).untilAsserted(() -> {
            assertThat(badge().getText()).isEqualTo("3");
            assertThat(cells(rows("incidents-table").get(0))).startsWith("payroll_export", "給与データ出力", "python",
                    "HR-PC", "failed", "3", "ディスクがいっぱいです");
        });
        assertThat(((JavascriptExecutor) browser.driver).executeScript("return window.sameDocument === true;"))
                .as("updated in place, not reloaded").isEqualTo(true);

        seed.execute("update taskmon.task_monitors set enabled = false where task_key = 'payroll_export'");
        await().atMost(PAGE_WAIT).untilAsserted(() -> assertThat(badge().getText()).isEqualTo("2"));
        seed.execute("delete from taskmon.task_monitors where task_key = 'payroll_export'");
    }

    @Test
    void shouldShowAMissedMonitorAsAnIncidentWithTheRunItExpectsAndItsSchedule() {
        Instant expected = Instant.now().plus(3, ChronoUnit.HOURS);
        UUID missed = seed.monitor("hourly_backup", "毎時バックアップ", "shell", "NAS-01")
                .finishedAt(Instant.now().minus(3, ChronoUnit.HOURS)).health("missed", "success")
                .schedule("{\"interval_seconds\": 3600, \"grace_seconds\": 300}", expected).insert();
        try {
            open("/incidents");
            await().atMost(PAGE_WAIT).untilAsserted(() -> {
                assertThat(badge().getText()).isEqualTo("3");
                WebElement row = browser.driver.findElement(
                        By.cssSelector("#incidents-table tr[data-monitor-id='" + missed + "']"));
                assertThat(row.getAttribute("class")).isEqualTo("missed");
                assertThat(cells(row)).startsWith("hourly_backup", "毎時バックアップ", "shell", "NAS-01", "success");
                assertThat(cells(row).subList(8, 11)).containsExactly("missed", "in 3 hours", "");
            });
            assertThat(browser.driver.findElement(By.id("incident-summary")).getText())
                    .startsWith("3 incidents (failing, missed or timed-out enabled monitors)");
            browser.screenshot("incidents-missed");

            open("/monitors/" + missed);
            await().atMost(PAGE_WAIT).untilAsserted(() -> {
                assertThat(browser.driver.findElement(By.id("schedule")).getText())
                        .isEqualTo("every 1 h 0 min · grace 5 min 0 s");
                assertThat(browser.driver.findElement(By.id("next-expected")).getText()).isNotBlank();
            });
        } finally {
            seed.execute("delete from taskmon.task_monitors where task_key = 'hourly_backup'");
        }
    }

    @Test
    void shouldFilterTheMonitorsPage() {
        open("/monitors?q=取込");

        await().atMost(PAGE_WAIT).untilAsserted(() -> assertThat(rows("monitors-table"))
                .extracting(row -> cells(row).get(0)).containsExactly("nightly_import"));
        browser.driver.findElement(By.name("q")).clear();
        browser.driver.findElement(By.cssSelector("select[name=health] option[value=failing]")).click();
        browser.driver.findElement(By.cssSelector("#monitor-filters button")).click();

        await().atMost(PAGE_WAIT).untilAsserted(() -> assertThat(rows("monitors-table"))
                .extracting(row -> cells(row).get(0)).containsExactly("nightly_import", "old_job", "tax_sync"));
        assertThat(browser.driver.getCurrentUrl()).endsWith("/monitors?health=failing");
        browser.screenshot("monitors");
    }

    @Test
    void shouldDrawTheMonitorDetailWithChartsRunsAndFlips() {
        open("/monitors/" + nightly);

        await().atMost(PAGE_WAIT).untilAsserted(() -> assertThat(rows("runs-table")).hasSize(6));
        assertThat(browser.driver.findElement(By.cssSelector("#monitor-header h1")).getText()).startsWith("ナイトリー取込");
        assertThat(browser.driver.findElement(By.id("latest-message")).getText()).isEqualTo("取込失敗: 接続できません");
        assertThat(browser.driver.findElements(By.cssSelector("#success-chart circle.point"))).hasSize(4);
        assertThat(browser.driver.findElements(By.cssSelector("#duration-chart circle.point"))).hasSize(4);
        assertThat(browser.driver.findElement(By.cssSelector("#success-chart path.line")).getAttribute("d"))
                .matches("M[0-9.]+,[0-9.]+( L[0-9.]+,[0-9.]+){3}");
        assertThat(browser.driver.findElements(By.cssSelector("#success-chart circle.point title")))
                .extracting(title -> title.getAttribute("textContent"))
                .anySatisfy(text -> assertThat(text).endsWith("50% success of 4 runs"));
        assertThat(browser.driver.findElement(By.id("stats-summary")).getText())
                .startsWith("18 runs, 5 failed, 72.2% success");

        List<WebElement> runs = rows("runs-table");
        assertThat(cells(runs.get(0)).get(0)).isEqualTo("failed");
        assertThat(cells(runs.get(0)).get(6)).isEqualTo("取込失敗 0");
        assertThat(runs.get(0).findElement(By.tagName("a")).getAttribute("href")).isEqualTo("https://logs.example/nightly/0");
        WebElement fixed = runs.get(5);
        assertThat(cells(fixed).get(6)).isEqualTo("処理完了: 100件");
        // 02:05 UTC is 11:05 in Tokyo, the browser's zone.
        assertThat(cells(fixed).get(1)).contains("11:05:00");
        assertThat(rows("flips-table")).extracting(row -> cells(row).subList(1, 4))
                .containsExactly(List.of("up", "failing", "3 failures in a row"));
        browser.screenshot("monitor-detail");
    }

    @Test
    void shouldShowRunningEtlJobsWithProgressAndFinishedOnesWithTheirError() {
        open("/etl");

        await().atMost(PAGE_WAIT).untilAsserted(() -> assertThat(
                browser.driver.findElements(By.cssSelector("#running-jobs .job"))).hasSize(1));
        WebElement job = browser.driver.findElement(By.cssSelector("#running-jobs .job"));
        assertThat(job.getText()).contains("tax-registration import", "running");
        assertThat(job.findElement(By.cssSelector(".progress .bar")).getAttribute("style")).contains("width: 25%");
        assertThat(job.findElement(By.cssSelector(".job-progress")).getText())
                .startsWith("25.0% · 250,000 rows read · 249,000 loaded · 1,000 rejected · 2,083 rows/s · about ");
        assertThat(rows("finished-jobs")).singleElement().satisfies(row -> {
            assertThat(cells(row).get(0)).isEqualTo("county list");
            assertThat(cells(row).get(1)).isEqualTo("failed");
            assertThat(cells(row).get(9)).isEqualTo("source answered 503 five times");
        });
        browser.screenshot("etl-jobs");

        job.findElement(By.tagName("a")).click();
        await().atMost(PAGE_WAIT).untilAsserted(() -> assertThat(rows("import-errors-table")).hasSize(1));
        assertThat(cells(rows("import-errors-table").get(0)))
                .containsExactly("1", "17", "INVALID_BAN", "BAN must have 9 digits", "12345,株式会社テスト");
        assertThat(rows("batches-table")).hasSize(1);
        browser.screenshot("etl-job");
    }

    @Test
    void shouldShowTheWaitingDeadLettersOnTheIncidentsPageAndListThemNewestFirst() {
        open("/incidents");

        WebElement deadLetterBadge = browser.driver.findElement(By.id("dead-letter-badge"));
        await().atMost(PAGE_WAIT).untilAsserted(() -> assertThat(deadLetterBadge.getText()).isEqualTo("2"));
        assertThat(browser.driver.findElement(By.id("dead-letter-notice")).getText()).isEqualTo(
                "2 dead letters wait for replay: records taskmon could not read or store. Fix the cause, then run"
                        + " ./taskmon dead-letters replay.");
        assertThat(badge().getText()).as("the incident badge is apart").isEqualTo("2");

        browser.driver.findElement(By.cssSelector("#dead-letter-notice a")).click();
        await().atMost(PAGE_WAIT).untilAsserted(() -> assertThat(rows("dead-letters-table")).hasSize(3));
        List<WebElement> rows = rows("dead-letters-table");
        assertThat(cells(rows.get(0)).subList(2, 6)).containsExactly("projector", "taskmon.alerts.v1-1@12",
                "the database refused it: value too long", "{\"summary\":\"取込失敗\"}");
        assertThat(cells(rows.get(0)).get(6)).isEqualTo("waiting");
        assertThat(cells(rows.get(2)).subList(2, 4)).containsExactly("monitor-streams", "taskmon.task-runs.v1-2@41");
        assertThat(cells(rows.get(2)).get(6)).as("replayed, in local time").isNotIn("", "waiting");
        assertThat(browser.driver.findElement(By.id("dead-letter-summary")).getText())
                .isEqualTo("2 dead letters wait for replay.");
        browser.screenshot("dead-letters");
    }

    @Test
    void shouldListOpenAlerts() {
        open("/alerts");

        await().atMost(PAGE_WAIT).untilAsserted(() -> assertThat(rows("alerts-table")).hasSize(1));
        assertThat(cells(rows("alerts-table").get(0)).subList(1, 4))
                .containsExactly("FAILING", "ナイトリー取込", "nightly_import failed 3 times in a row");
        browser.screenshot("alerts");
    }

    @Test
    void shouldOpenAnAlertFromTheListAndShowWhereItWentAndWhen() {
        open("/alerts");
        await().atMost(PAGE_WAIT).untilAsserted(() -> assertThat(rows("alerts-table")).hasSize(1));

        rows("alerts-table").get(0).findElement(By.linkText("FAILING")).click();

        await().atMost(PAGE_WAIT).untilAsserted(() -> assertThat(rows("deliveries-table")).hasSize(2));
        assertThat(browser.driver.getCurrentUrl()).endsWith("/alerts/" + alert);
        assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("FAILING ナイトリー取込");
        List<WebElement> deliveries = rows("deliveries-table");
        List<String> delivered = cells(deliveries.get(0));
        assertThat(delivered.subList(0, 3)).containsExactly("ops-mail", "delivered", "1");
        assertThat(delivered.get(3)).isNotEmpty();
        assertThat(delivered.get(6)).isIn(minutesAgo(NOW.minus(29, ChronoUnit.MINUTES)));
        List<String> failed = cells(deliveries.get(1));
        assertThat(failed.subList(0, 6)).containsExactly("ops-teams", "failed", "12", "", "",
                "HTTP 502 from contoso.webhook.office.com");
        assertThat(deliveries.get(1).getAttribute("class")).isEqualTo("failing");
        browser.screenshot("alert");
    }

    @Test
    void shouldHideTheBadgeWhenNothingFails() {
        try (ReadModelSeed calm = new ReadModelSeed("pages_calm");
             DashboardServer calmDashboard = new DashboardServer(calm, Map.of())) {
            calm.monitor("daily_sync", "日次同期", "python", "WEB-01").insert();
            browser.driver.get(calmDashboard.uri("/incidents").toString());

            await().atMost(PAGE_WAIT).untilAsserted(() -> assertThat(rows("incidents-table")).hasSize(1));
            assertThat(browser.driver.findElement(By.id("incident-summary")).getText()).startsWith("Nothing is failing");
            assertThat(badge().isDisplayed()).isFalse();
            assertThat(browser.driver.findElement(By.id("dead-letter-badge")).isDisplayed()).isFalse();
            assertThat(browser.driver.findElement(By.id("dead-letter-notice")).isDisplayed()).isFalse();
        }
    }

    @Test
    void shouldAskForTheViewerKeyAndThenShowTheData() {
        try (DashboardServer keyed = new DashboardServer(seed, Map.of("TASKMON_VIEWER_KEYS", "view-1"))) {
            browser.driver.get(keyed.uri("/incidents").toString());
            ((JavascriptExecutor) browser.driver).executeScript("localStorage.clear();");
            browser.driver.navigate().refresh();

            await().atMost(PAGE_WAIT).until(() -> browser.driver.findElement(By.id("key-panel")).isDisplayed());
            browser.driver.findElement(By.id("key-input")).sendKeys("view-1");
            browser.driver.findElement(By.cssSelector("#key-form button")).click();

            await().atMost(PAGE_WAIT).untilAsserted(() -> assertThat(rows("incidents-table")).hasSize(4));
            assertThat(browser.driver.findElement(By.id("key-panel")).isDisplayed()).isFalse();
            ((JavascriptExecutor) browser.driver).executeScript("localStorage.clear();");
        }
    }
}
